import Plot

extension Node where Context: HTML.BodyContext {
    /// A table (or anything wide) in a box that scrolls sideways on its own, so the page never does on a
    /// narrow screen. The box is a named region the keyboard reaches (tabindex 0): someone without a mouse
    /// scrolls it with the arrow keys even when nothing inside it takes the focus (WCAG 2.1.1).
    static func scrollBox(_ label: String, _ content: Node<Context>) -> Node {
        .div(.class("scroll"), .attribute(named: "role", value: "region"), .ariaLabel(label),
             .attribute(named: "tabindex", value: "0"), content)
    }
}
