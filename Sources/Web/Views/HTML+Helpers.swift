import Licensing
import Foundation
import FluentKit
import Fluent
import Persistence
import Community
import Plot
import Vapor

extension String {
    /// Plot does not escape attribute values; every value that carries data goes through this.
    var attributeEscaped: String { ReportDocument.escape(self) }

    /// Text content escaping that also escapes `&` (Plot keeps existing entities as they are).
    var textEscaped: String {
        var out = ""
        out.unicodeScalars.reserveCapacity(unicodeScalars.count)
        for ch in unicodeScalars {  // by scalar: "<" + a combining mark is one Character
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

extension Node {
    /// An attribute whose value is escaped.
    static func attr(_ name: String, _ value: String) -> Node {
        .attribute(named: name, value: value.attributeEscaped, ignoreIfValueIsEmpty: false)
    }

    /// Text, escaped completely (including `&`).
    static func txt(_ text: String) -> Node { .raw(text.textEscaped) }
}

extension Attribute {
    static func attr(_ name: String, _ value: String) -> Attribute {
        Attribute(name: name, value: value.attributeEscaped, ignoreIfValueIsEmpty: false)
    }

    /// A boolean attribute (`checked`, `readonly`, …), present only when `on`.
    static func flag(_ name: String, _ on: Bool) -> Attribute {
        Attribute(name: name, value: on ? name : nil, ignoreIfValueIsEmpty: true)
    }
}

extension Node where Context: HTML.BodyContext {
    /// A link whose target and text are data.
    static func link(_ text: String, to url: String, _ extra: Node<HTML.AnchorContext>...) -> Node {
        .a(.attr("href", url), .group(extra), .txt(text))
    }

    /// The hidden CSRF field every state-changing form carries.
    static func csrf(_ token: String) -> Node {
        .input(.type(.hidden), .attr("name", CSRFMiddleware.field), .attr("value", token))
    }

    /// A labelled text input.
    static func field(
        _ label: String, name: String, type: String = "text", value: String = "", required: Bool = false,
        autocomplete: String? = nil, hint: String? = nil
    ) -> Node {
        let id = "f-" + name
        return .div(
            .class("field"),
            .label(.attr("for", id), .txt(label)),
            .if(hint != nil, .p(.class("hint"), .attr("id", id + "-hint"), .txt(hint ?? ""))),
            .input(
                .attr("type", type), .attr("id", id), .attr("name", name), .attr("value", value),
                required ? .attr("required", "required") : .attr("data-optional", "1"),
                .attr("autocomplete", autocomplete ?? "off"),
                hint != nil ? .attr("aria-describedby", id + "-hint") : .attr("data-nohint", "1")
            )
        )
    }

    /// A labelled multi-line text field.
    static func area(_ label: String, name: String, value: String = "", rows: Int = 3, required: Bool = false, hint: String? = nil) -> Node {
        let id = "f-" + name
        let described: Node<HTML.TextAreaContext> = hint != nil ? .attr("aria-describedby", id + "-hint") : .attr("data-nohint", "1")
        let mandatory: Node<HTML.TextAreaContext> = required ? .attr("required", "required") : .attr("data-optional", "1")
        let box: Node = .textarea(.attr("id", id), .attr("name", name), .attr("rows", String(rows)), mandatory, described, .txt(value))
        let hintNode: Node = .if(hint != nil, .p(.class("hint"), .attr("id", id + "-hint"), .txt(hint ?? "")))
        return .div(.class("field"), .label(.attr("for", id), .txt(label)), hintNode, box)
    }

    /// A group of checkboxes posting `name[]`.
    static func checks(_ legend: String, name: String, options: [(value: String, label: String)], checked: Set<String>) -> Node {
        let boxes: [Node] = options.enumerated().map { n, o in
            .label(.class("check"),
                .input(.type(.checkbox), .attr("name", name + "[]"), .attr("value", o.value), .attr("id", "c-\(name)-\(n)"),
                    checked.contains(o.value) ? .attr("checked", "checked") : .attr("data-unchecked", "1")),
                .txt(o.label))
        }
        return .element(named: "fieldset", nodes: [.element(named: "legend", nodes: [.txt(legend)])] + boxes)
    }

    /// A labelled select.
    static func choice(_ label: String, name: String, options: [(value: String, label: String)], selected: String? = nil) -> Node {
        let id = "f-" + name
        return .div(
            .class("field"),
            .label(.attr("for", id), .txt(label)),
            .select(
                .attr("id", id), .attr("name", name),
                .forEach(options) { o in
                    .opt(o.value, o.label, selected: o.value == selected)
                }
            )
        )
    }

    /// A one-button form that posts (with CSRF) to `action`.
    static func postButton(_ title: String, action: String, csrf: String, style: String = "secondary") -> Node {
        .form(
            .class("inline"), .attr("action", action), .method(.post),
            .input(.type(.hidden), .attr("name", CSRFMiddleware.field), .attr("value", csrf)),
            .button(.type(.submit), .class("button " + style), .txt(title))
        )
    }

    static func emptyState(_ title: String, _ text: String) -> Node {
        .div(.class("empty"), .p(.strong(.txt(title))), .p(.txt(text)))
    }
}

enum DateText {
    static func format(_ date: Date?, lang: Lang) -> String {
        guard let date else { return "–" }
        var style = Date.FormatStyle(date: .numeric, time: .shortened)
        style.locale = Locale(identifier: lang == .da ? "da_DK" : "en_GB")
        style.timeZone = TimeZone(identifier: "Europe/Copenhagen") ?? .current
        return date.formatted(style)
    }
}

/// A rendered page.
struct HTMLPage: AsyncResponseEncodable {
    var html: HTML
    var status: HTTPResponseStatus = .ok

    func encodeResponse(for request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html.render()))
    }
}

extension Node where Context == HTML.SelectContext {
    /// An option with escaped value and text (Plot's `.option` only takes a `label` attribute).
    static func opt(_ value: String, _ text: String, selected: Bool = false) -> Node {
        .element(named: "option", nodes: [
            Node<HTML.BodyContext>.attr("value", value),
            selected ? .attr("selected", "selected") : .empty,
            .txt(text),
        ])
    }
}

extension Node where Context == HTML.HeadContext {
    /// A plain `<title>` (Plot's `.title` also adds social-media meta tags).
    static func pageTitle(_ text: String) -> Node {
        .element(named: "title", nodes: [Node<HTML.BodyContext>.txt(text)])
    }
}
