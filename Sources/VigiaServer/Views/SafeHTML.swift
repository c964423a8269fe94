import Foundation
import Plot

// Escaping by construction.
//
// Plot 0.14.0 escapes text nodes (`<`, `>`, `&` — but it keeps anything that looks like an
// entity, so a user who types `&lt;` would see `<`) and writes attribute values exactly as given
// (`name="\(value)"`). Every Plot DSL function below that carries a string into an attribute or a
// text node is redeclared here with the same signature. Swift prefers a declaration of the
// importing module over the same declaration of an imported one, so every view of VigiaServer
// that writes `.value(x)`, `.href(x)`, `.title(x)`, `.text(x)`… goes through `HTMLEscape` without
// knowing it. `SafeHTMLTests` renders every one of them with a payload (and fails if a Plot update
// changes a signature so that a redeclaration stops shadowing), and a source scan fails if a view
// builds `Attribute(name:…)` or `.raw(…)` outside this file and the two audited SVG/JSON spots.

/// The one place that turns a string into HTML text or an HTML attribute value.
enum HTMLEscape {
    /// Escapes `& < > " '`, and drops the characters HTML forbids (NUL, other C0 controls but
    /// tab/newline/carriage return, lone surrogates cannot occur in a Swift String).
    static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0xFDD0...0xFDEF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Attribute values are always written in double quotes, so the same escaping is enough.
    static func attribute(_ s: String) -> String { text(s) }
}

/// URLs that may become an `href`, `src` or form `action`: `http`/`https` with a host, or the
/// site's own relative references (`/ruta`, `?consulta`, `#ancla`). Everything else — `javascript:`,
/// `data:`, `//otro.sitio`, `/\otro.sitio`, control characters — is refused.
enum SafeURL {
    static func check(_ raw: String) -> String? {
        let url = raw.trimmingCharacters(in: .whitespaces)
        guard !url.isEmpty, url.utf8.count <= 4096,
              !url.unicodeScalars.contains(where: { $0.value < 0x21 && $0 != " " || $0.value == 0x7F || $0 == "\\" })
        else { return nil }
        if url.hasPrefix("?") || url.hasPrefix("#") { return url }
        if url.hasPrefix("/") { return url.hasPrefix("//") ? nil : url }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
              !url.contains(" ")
        else { return nil }
        return url
    }

    static func isSafe(_ raw: String) -> Bool { check(raw) != nil }

    /// A link to another site that evidence may point to: safe, and http(s) with a host.
    static func isWebLink(_ raw: String) -> Bool {
        let lower = raw.lowercased()
        return isSafe(raw) && (lower.hasPrefix("http://") || lower.hasPrefix("https://"))
    }
}

// MARK: - Text

extension Node {
    static func text(_ text: String) -> Node { .raw(HTMLEscape.text(text)) }

    static func element(named name: String, text: String) -> Node {
        .element(named: name, nodes: [Node.raw(HTMLEscape.text(text))])
    }

    static func attribute(named name: String, value: String?, ignoreIfValueIsEmpty: Bool = true) -> Node {
        .attribute(Attribute(name: name, value: value.map(HTMLEscape.attribute), ignoreIfValueIsEmpty: ignoreIfValueIsEmpty))
    }

    /// A link when the URL is safe (http(s) or our own path), its text otherwise.
    static func link(_ url: String, _ text: String) -> Node where Context: HTML.BodyContext {
        guard SafeURL.isSafe(url) else { return .text(text) }
        return .a(.href(url), .attribute(named: "rel", value: "noopener noreferrer"), .text(text))
    }
}

extension Attribute {
    static func attribute(named name: String, value: String?) -> Attribute {
        Attribute(name: name, value: value.map(HTMLEscape.attribute))
    }
}

// MARK: - Global attributes

extension Node where Context: HTMLContext {
    /// User text never goes into a comment (`-->` would end it).
    static func comment(_ text: String) -> Node { .empty }
}

extension Attribute where Context: HTMLContext {
    static func id(_ id: String) -> Attribute { .attribute(named: "id", value: id) }
    static func `class`(_ className: String) -> Attribute { .attribute(named: "class", value: className) }
    static func data(named name: String, value: String) -> Attribute { .attribute(named: "data-\(name)", value: value) }
    static func title(_ title: String) -> Attribute { .attribute(named: "title", value: title) }
}

extension Node where Context: HTMLContext {
    static func id(_ id: String) -> Node { .attribute(named: "id", value: id) }
    static func `class`(_ className: String) -> Node { .attribute(named: "class", value: className) }
    static func data(named name: String, value: String) -> Node { .attribute(named: "data-\(name)", value: value) }
    static func title(_ title: String) -> Node { .attribute(named: "title", value: title) }
}

extension Attribute where Context: HTMLNamableContext {
    static func name(_ name: String) -> Attribute { .attribute(named: "name", value: name) }
}

extension Node where Context: HTMLNamableContext {
    static func name(_ name: String) -> Node { .attribute(named: "name", value: name) }
}

extension Attribute where Context == HTML.MetaContext {
    static func property(_ property: String) -> Attribute { .attribute(named: "property", value: property) }
    static func content(_ content: String) -> Attribute { .attribute(named: "content", value: content) }
}

extension Attribute where Context: HTMLTypeContext {
    static func type(_ type: String) -> Attribute { .attribute(named: "type", value: type) }
}

extension Attribute where Context: HTMLValueContext {
    static func value(_ value: String) -> Attribute { .attribute(named: "value", value: value) }
}

extension Node where Context: HTMLValueContext {
    static func value(_ value: String) -> Node { .attribute(named: "value", value: value) }
}

extension Attribute where Context == HTML.LinkContext {
    static func sizes(_ sizes: String) -> Attribute { .attribute(named: "sizes", value: sizes) }
    static func color(_ color: String) -> Attribute { .attribute(named: "color", value: color) }
}

// MARK: - URLs

extension Attribute where Context: HTMLLinkableContext {
    static func href(_ url: URLRepresentable) -> Attribute { .attribute(named: "href", value: SafeURL.check("\(url)")) }
}

extension Node where Context: HTMLLinkableContext {
    static func href(_ url: URLRepresentable) -> Node { .attribute(named: "href", value: SafeURL.check("\(url)")) }
}

extension Attribute where Context: HTMLSourceContext {
    static func src(_ url: URLRepresentable) -> Attribute { .attribute(named: "src", value: SafeURL.check("\(url)")) }
}

extension Node where Context: HTMLSourceContext {
    static func src(_ url: URLRepresentable) -> Node { .attribute(named: "src", value: SafeURL.check("\(url)")) }
}

extension Attribute where Context == HTML.ObjectContext {
    static func data(_ url: URLRepresentable) -> Attribute { .attribute(named: "data", value: SafeURL.check("\(url)")) }
}

extension Node where Context == HTML.ObjectContext {
    static func data(_ url: URLRepresentable) -> Node { .attribute(named: "data", value: SafeURL.check("\(url)")) }
}

extension Node where Context == HTML.FormContext {
    static func action(_ url: URLRepresentable) -> Node { .attribute(named: "action", value: SafeURL.check("\(url)")) }
}

// MARK: - Element-specific attributes

extension Node where Context == HTML.TimeContext {
    static func datetime(_ datetime: String) -> Node { .attribute(named: "datetime", value: datetime) }
}

extension Attribute where Context == HTML.PictureSourceContext {
    /// One URL only (the views use none), checked like every other.
    static func srcset(_ set: String) -> Attribute { .attribute(named: "srcset", value: SafeURL.check(set)) }
    static func media(_ query: String) -> Attribute { .attribute(named: "media", value: query) }
    static func type(_ type: String) -> Attribute { .attribute(named: "type", value: type) }
}

extension Node where Context == HTML.LabelContext {
    static func `for`(_ target: String) -> Node { .attribute(named: "for", value: target) }
}

extension Attribute where Context == HTML.InputContext {
    static func placeholder(_ placeholder: String) -> Attribute { .attribute(named: "placeholder", value: placeholder) }
}

extension Node where Context == HTML.TextAreaContext {
    static func placeholder(_ placeholder: String) -> Node { .attribute(named: "placeholder", value: placeholder) }
}

extension Attribute where Context == HTML.OptionContext {
    static func label(_ label: String) -> Attribute { .attribute(named: "label", value: label) }
}

extension Node where Context: HTMLStylableContext {
    static func style(_ css: String) -> Node { .attribute(named: "style", value: css) }
}

extension Attribute where Context == HTML.ImageContext {
    static func alt(_ text: String) -> Attribute { .attribute(named: "alt", value: text) }
}

extension Node where Context: HTML.BodyContext {
    static func ariaLabel(_ label: String) -> Node { .attribute(named: "aria-label", value: label) }
    static func ariaControls(_ child: String) -> Node { .attribute(named: "aria-controls", value: child) }
    /// Inline scripts are refused by the Content-Security-Policy; none is written.
    static func onclick(_ script: String) -> Node { .empty }
}

extension Attribute where Context: HTMLIntegrityContext {
    static func integrity(_ hash: String) -> Attribute { .attribute(named: "integrity", value: hash) }
}

extension Node where Context: HTMLIntegrityContext {
    static func integrity(_ hash: String) -> Node { .attribute(named: "integrity", value: hash) }
}

// MARK: - Head

extension Node where Context == HTML.HeadContext {
    /// Only `<title>`: Plot's version also writes `og:title`/`twitter:title` metas (a page of a
    /// signed-in user is not for social sharing).
    static func title(_ title: String) -> Node { .element(named: "title", text: title) }
    static func description(_ text: String) -> Node { .meta(.name("description"), .content(text)) }
    static func siteName(_ name: String) -> Node { .meta(.property("og:site_name"), .content(name)) }
    static func url(_ url: URLRepresentable) -> Node {
        guard let safe = SafeURL.check("\(url)") else { return .empty }
        return .group([.link(.rel(.canonical), .href(safe)), .meta(.property("og:url"), .content(safe))])
    }
    static func socialImageLink(_ url: URLRepresentable) -> Node {
        guard let safe = SafeURL.check("\(url)") else { return .empty }
        return .meta(.property("og:image"), .content(safe))
    }
    static func twitterUsername(_ username: String) -> Node { .meta(.name("twitter:site"), .content(username)) }
    static func stylesheet(_ url: URLRepresentable, integrity: String? = nil) -> Node {
        .link(.rel(.stylesheet), .href(url), .attribute(named: "integrity", value: integrity))
    }
    static func favicon(_ url: URLRepresentable, type: String = "image/png") -> Node {
        .link(.rel(.shortcutIcon), .href(url), .type(type))
    }
    static func rssFeedLink(_ url: URLRepresentable, title: String? = nil) -> Node {
        .link(.rel(.alternate), .href(url), .type("application/rss+xml"), .attribute(named: "title", value: title))
    }
}

/// Renders every redeclared function with one value, for `SafeHTMLTests` (which checks that no
/// payload adds an element or attribute, i.e. that each redeclaration still shadows Plot's).
enum SafeHTMLSelfCheck {
    static func renderAll(_ v: String) -> String {
        HTML(
            .head(
                .title(v), .description(v), .siteName(v), .url(v), .socialImageLink(v), .twitterUsername(v),
                .stylesheet(v, integrity: v), .favicon(v, type: v), .rssFeedLink(v, title: v),
                .meta(.property(v), .content(v)),
                .link(.rel(.stylesheet), .sizes(v), .color(v), .href(v), .integrity(v))
            ),
            .body(
                .id(v), .class(v), .data(named: "x", value: v), .title(v),
                .div(.id(v), .class(v), .data(named: "x", value: v), .title(v), .ariaLabel(v), .ariaControls(v),
                     .style(v), .onclick(v), .attribute(named: "data-y", value: v), .text(v), .comment(v)),
                .element(named: "p", text: v),
                .a(.href(v), .text(v)), .link(v, v),
                .img(.src(v), .alt(v)),
                .form(.action(v), .input(.name(v), .value(v), .placeholder(v), .type(.text)),
                      .textarea(.name(v), .placeholder(v), .text(v)),
                      .select(.attribute(named: "name", value: v), .option(.value(v), .label(v))),
                      .label(.for(v), .text(v)),
                      .button(.name(v), .value(v), .text(v))),
                .time(.datetime(v), .text(v)),
                .object(.data(v)),
                .picture(.source(.srcset(v), .media(v), .type(v))),
                .selfClosedElement(named: "input", attributes: [Attribute<HTML.InputContext>.attribute(named: "value", value: v)])
            )
        ).render()
    }
}
