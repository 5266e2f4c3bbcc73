import Foundation
import Plot
import Tabular
import Vapor

/// Pages made for paper (board report, continuity plan, incident report): no navigation, a print
/// button and the ODT download on screen only, A4 margins from the stylesheet's print rules.
enum PrintLayout {
    static func page(_ ctx: PageContext, title: String, odt: String? = nil, back: String, content: Node<HTML.BodyContext>) -> HTMLPage {
        HTMLPage(html: HTML(
            .attribute(named: "lang", value: ctx.lang.rawValue),
            Layout.head(title),
            .body(
                .class("printable"),
                .main(
                    .id("main"),
                    .div(.class("screen-only toolbar"),
                        .link(ctx.t("Tilbage", "Back"), to: back),
                        .if(odt != nil, .link(ctx.t("Hent som ODT (LibreOffice/Word)", "Download as ODT (LibreOffice/Word)"), to: odt ?? "")),
                        .span(.txt(ctx.t("Udskriv med browserens udskriftsfunktion (Ctrl+P); »Gem som PDF« giver en PDF.",
                            "Print with the browser's print command (Ctrl+P); \"Save as PDF\" gives a PDF.")))),
                    .h1(.txt(title)),
                    content
                )
            )
        ))
    }
}

/// File downloads of generated documents.
enum Download {
    static func odt(_ document: ODTWriter, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: ODTWriter.mimeType)
        headers.contentDisposition = .init(.attachment, filename: filename)
        return Response(status: .ok, headers: headers, body: .init(data: Data(document.bytes())))
    }
}
