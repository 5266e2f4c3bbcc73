/// A small OpenDocument text (.odt) writer for the printable reports: headings, paragraphs, lists
/// and tables — what a board report, a continuity plan or an incident report needs, editable in
/// LibreOffice or Word.
public struct ODTWriter: Sendable {
    public enum Block: Sendable, Equatable {
        case heading(String, level: Int)
        case paragraph(String)
        /// A paragraph in bold (e.g. the confidentiality marking).
        case strong(String)
        case bullets([String])
        /// A table; the first row is the header.
        case table([[String]])
        /// Preformatted text kept line by line (paste-ready report texts).
        case lines(String)
    }

    public var title: String
    public var blocks: [Block]

    public init(title: String, blocks: [Block] = []) {
        self.title = title
        self.blocks = blocks
    }

    public static let mimeType = "application/vnd.oasis.opendocument.text"

    static let namespaces = """
        xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"
        """

    /// XML text as ODSWriter escapes it, with tabs as `<text:tab/>`.
    static func escape(_ s: String) -> String {
        s.split(separator: "\t", omittingEmptySubsequences: false).map { ODSWriter.escape(String($0)) }.joined(separator: "<text:tab/>")
    }

    /// Text with line breaks kept.
    static func inline(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "<text:line-break/>")
    }

    public func contentXML() -> String {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content \(Self.namespaces)><office:automatic-styles>"
        x += "<style:style style:name=\"Cell\" style:family=\"table-cell\"><style:table-cell-properties fo:padding=\"0.06cm\" fo:border=\"0.5pt solid #808080\"/></style:style>"
        x += "</office:automatic-styles><office:body><office:text>"
        var tables = 0
        for block in blocks {
            switch block {
            case .heading(let text, let level):
                let l = min(max(level, 1), 3)
                x += "<text:h text:style-name=\"Heading_20_\(l)\" text:outline-level=\"\(l)\">\(Self.escape(text))</text:h>"
            case .paragraph(let text):
                x += "<text:p text:style-name=\"Text_20_body\">\(Self.inline(text))</text:p>"
            case .strong(let text):
                x += "<text:p text:style-name=\"Strong_20_para\">\(Self.inline(text))</text:p>"
            case .bullets(let items):
                x += "<text:list>" + items.map { "<text:list-item><text:p text:style-name=\"Text_20_body\">\(Self.inline($0))</text:p></text:list-item>" }.joined() + "</text:list>"
            case .lines(let text):
                x += text.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "<text:p text:style-name=\"Preformatted_20_Text\">\(Self.escape(String($0)))</text:p>" }.joined()
            case .table(let rows):
                tables += 1
                let columns = rows.map(\.count).max() ?? 0
                guard columns > 0 else { continue }
                x += "<table:table table:name=\"Tabel\(tables)\"><table:table-column table:number-columns-repeated=\"\(columns)\"/>"
                for (n, row) in rows.enumerated() {
                    x += "<table:table-row>"
                    for c in 0..<columns {
                        let text = c < row.count ? row[c] : ""
                        x += "<table:table-cell table:style-name=\"Cell\" office:value-type=\"string\"><text:p text:style-name=\"\(n == 0 ? "Table_20_Heading" : "Table_20_Contents")\">\(Self.inline(text))</text:p></table:table-cell>"
                    }
                    x += "</table:table-row>"
                }
                x += "</table:table>"
            }
        }
        return x + "</office:text></office:body></office:document-content>"
    }

    static let styles = """
        <?xml version="1.0" encoding="UTF-8"?><office:document-styles \(namespaces)><office:styles>\
        <style:default-style style:family="paragraph"><style:text-properties fo:font-size="11pt" fo:font-family="Liberation Sans"/></style:default-style>\
        <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/></style:style>\
        <style:style style:name="Strong_20_para" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties fo:font-weight="bold"/></style:style>\
        <style:style style:name="Preformatted_20_Text" style:display-name="Preformatted Text" style:family="paragraph"><style:text-properties fo:font-family="Liberation Mono" fo:font-size="10pt"/></style:style>\
        <style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph"/>\
        <style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>\
        <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="18pt" fo:font-weight="bold"/></style:style>\
        <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.15cm"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>\
        <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:default-outline-level="3"><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>\
        </office:styles></office:document-styles>
        """

    func meta() -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-meta \(Self.namespaces) xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"><office:meta><dc:title>\(Self.escape(title))</dc:title><meta:generator>Handlefrihed</meta:generator></office:meta></office:document-meta>"
    }

    static let manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text" manifest:version="1.2"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>
        """

    /// The .odt file's bytes.
    public func bytes() -> [UInt8] {
        var zip = StoredZip()
        zip.add("mimetype", Array(Self.mimeType.utf8))
        zip.add("META-INF/manifest.xml", Array(Self.manifest.utf8))
        zip.add("styles.xml", Array(Self.styles.utf8))
        zip.add("meta.xml", Array(meta().utf8))
        zip.add("content.xml", Array(contentXML().utf8))
        return zip.finish()
    }
}
