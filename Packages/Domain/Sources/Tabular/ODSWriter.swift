/// Writes an OpenDocument spreadsheet (.ods): a zip (stored, no compression) with the
/// `mimetype` first, a manifest and `content.xml`. Opens in LibreOffice, Excel and Numbers.
public struct ODSWriter: Sendable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// A number written exactly as given (e.g. "281.97"), so money keeps its øre.
        case number(String)
        case empty
    }

    public struct Sheet: Sendable {
        public var name: String
        public var rows: [[Cell]]
        public init(name: String, rows: [[Cell]]) {
            self.name = name
            self.rows = rows
        }
    }

    public var sheets: [Sheet] = []

    public init(sheets: [Sheet] = []) { self.sheets = sheets }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // XML 1.0 forbids most control characters; drop them rather than write a broken file.
                if ch.value < 0x20 && ch != "\t" && ch != "\n" && ch != "\r" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    public func contentXML() -> String {
        var x = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>
            """
        for sheet in sheets {
            x += "<table:table table:name=\"\(Self.escape(sheet.name))\">"
            for row in sheet.rows {
                x += "<table:table-row>"
                for cell in row {
                    switch cell {
                    case .text(let s): x += "<table:table-cell office:value-type=\"string\"><text:p>\(Self.escape(s))</text:p></table:table-cell>"
                    case .number(let n): x += "<table:table-cell office:value-type=\"float\" office:value=\"\(Self.escape(n))\"><text:p>\(Self.escape(n))</text:p></table:table-cell>"
                    case .empty: x += "<table:table-cell/>"
                    }
                }
                x += "</table:table-row>"
            }
            x += "</table:table>"
        }
        return x + "</office:spreadsheet></office:body></office:document-content>"
    }

    static let manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet" manifest:version="1.2"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>
        """

    public static let mimeType = "application/vnd.oasis.opendocument.spreadsheet"

    /// The .ods file's bytes.
    public func bytes() -> [UInt8] {
        var zip = StoredZip()
        zip.add("mimetype", Array(Self.mimeType.utf8))
        zip.add("META-INF/manifest.xml", Array(Self.manifest.utf8))
        zip.add("content.xml", Array(contentXML().utf8))
        return zip.finish()
    }
}

/// A minimal zip writer without compression (what ODS needs for its `mimetype` anyway).
struct StoredZip {
    private var out: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    private static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    private static func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }

    mutating func add(_ name: String, _ data: [UInt8]) {
        let nameBytes = Array(name.utf8)
        let crc = Self.crc32(data)
        let offset = UInt32(out.count)
        let size = UInt32(data.count)
        // 1980-01-01 00:00 in DOS time; ODS readers ignore it.
        let common = Self.le16(20) + Self.le16(0x0800) + Self.le16(0) + Self.le16(0) + Self.le16(0x21) + Self.le32(crc) + Self.le32(size)
            + Self.le32(size) + Self.le16(nameBytes.count) + Self.le16(0)
        out += [0x50, 0x4B, 0x03, 0x04] + common + nameBytes + data
        central += [0x50, 0x4B, 0x01, 0x02] + Self.le16(20) + common + Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le32(0)
            + Self.le32(offset) + nameBytes
        count += 1
    }

    mutating func finish() -> [UInt8] {
        let centralOffset = UInt32(out.count)
        out += central
        out += [0x50, 0x4B, 0x05, 0x06] + Self.le16(0) + Self.le16(0) + Self.le16(count) + Self.le16(count)
            + Self.le32(UInt32(central.count)) + Self.le32(centralOffset) + Self.le16(0)
        return out
    }
}
