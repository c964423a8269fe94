import SQLKit
import Vapor
import VigiaCore

/// The pages that sum up all of an entity's plans (home, plan list, Acciones): kept whole in
/// `RenderedPageCache` by the entity's revision (M032), which every change to any of its plans,
/// programs or dependencias raises in its own transaction. An unchanged entity's page costs the
/// session's statement, which reads the revision too, and no rendering — in any process.
enum EntityPages {
    /// A filter longer than this is not one anybody chose from the page: the page is not kept.
    static let longestKeptVariant = 512

    /// The page `name` from the cache, or `render`ed with the cache's placeholder as CSRF token and
    /// kept when it is an ordinary page (200, no flash message). `variant` names the filters and page
    /// number as the handler parsed them (never the raw query string, which anyone can vary at will).
    static func page(_ req: Request, _ name: String, variant: String = "", user: CurrentUser,
                     render: (_ csrfPlaceholder: String) async throws -> (html: String, status: HTTPStatus, flash: Bool)) async throws -> Response {
        let cache = RenderedPageCache.shared
        let revision = try await entityRevision(req, user: user)
        let key = variant.utf8.count <= longestKeptVariant ? RenderedPageCache.entityKey(name, revision: revision, query: variant, user: user, today: req.today) : nil
        let hasFlash = req.hasSession && req.session.data[SessionKey.flash] != nil
        if !hasFlash, let key, let parts = cache.get(key) { return Layout.response(cache.page(parts, csrf: req.csrfToken)) }
        let csrf = req.csrfToken
        let rendered = try await render(cache.placeholder)
        if let key, rendered.status == .ok, !rendered.flash { cache.put(key, rendered.html) }
        return Layout.response(cache.page(rendered.html, csrf: csrf), status: rendered.status)
    }

    /// A free text inside a key, prefixed by its length so that no text can pass for another part of the key.
    static func part(_ text: String) -> String { "\(text.utf8.count):\(text)" }

    /// The revision of the user's entity as the session's statement read it (before anything the
    /// page reads), or read now for a request signed in with an API token.
    static func entityRevision(_ req: Request, user: CurrentUser) async throws -> Int {
        if let row = req.storage[SessionUserKey.self], row.user_id == user.id, row.entity_id == user.entityID { return row.entity_revision }
        guard let sql = req.db as? SQLDatabase else { throw Abort(.internalServerError) }
        return try await sql.raw("SELECT revision FROM entities WHERE id = \(bind: user.entityID)").first()?
            .decode(column: "revision", as: Int.self) ?? 0
    }
}

extension PageContext {
    /// This context with the cache's placeholder where the session's CSRF token goes.
    func withCSRF(_ placeholder: String) -> PageContext {
        var ctx = self
        ctx.csrf = placeholder
        return ctx
    }
}
