import Foundation
import Testing

@testable import Tabular

@Suite struct ODSWriterTests {
    @Test func crc32MatchesTheKnownCheckValue() {
        #expect(StoredZip.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func odsStartsWithTheStoredMimetypeAndEscapesText() {
        let ods = ODSWriter(sheets: [.init(name: "Brugere & <afd>", rows: [[.text("a<b>&\"c\""), .number("281.97"), .empty]])])
        let bytes = ods.bytes()
        #expect(Array(bytes[0..<4]) == [0x50, 0x4B, 0x03, 0x04])
        // The first entry is "mimetype", stored, so the type can be read at a fixed offset.
        #expect(String(decoding: bytes[30..<38], as: UTF8.self) == "mimetype")
        #expect(String(decoding: bytes[38..<(38 + ODSWriter.mimeType.utf8.count)], as: UTF8.self) == ODSWriter.mimeType)
        let xml = ods.contentXML()
        #expect(xml.contains("table:name=\"Brugere &amp; &lt;afd&gt;\""))
        #expect(xml.contains("<text:p>a&lt;b&gt;&amp;&quot;c&quot;</text:p>"))
        #expect(xml.contains("office:value=\"281.97\""))
    }
}
