import Foundation
import Testing

@testable import Tabular

@Suite struct ODTWriterTests {
    let document = ODTWriter(title: "Beredskabsplan: Strøm <svigt>", blocks: [
        .strong("FORTROLIGT"),
        .heading("Kaldetræ", level: 2),
        .table([["Navn", "Telefon"], ["Anne & Bo", "+45 12 34 56 78"]]),
        .bullets(["Ring til vagten", "Start nødstrømmen"]),
        .paragraph("Linje 1\nLinje 2\u{0007}"),
        .lines("A\n\tB"),
    ])

    @Test func odtStartsWithItsStoredMimetype() {
        let bytes = document.bytes()
        #expect(String(decoding: bytes[30..<38], as: UTF8.self) == "mimetype")
        #expect(String(decoding: bytes[38..<(38 + ODTWriter.mimeType.utf8.count)], as: UTF8.self) == ODTWriter.mimeType)
    }

    @Test func contentEscapesTextKeepsLineBreaksAndDropsControlCharacters() {
        let xml = document.contentXML()
        #expect(xml.contains("<text:h text:style-name=\"Heading_20_2\" text:outline-level=\"2\">Kaldetræ</text:h>"))
        #expect(xml.contains(">Anne &amp; Bo<"))
        #expect(xml.contains("Linje 1<text:line-break/>Linje 2</text:p>"))
        #expect(!xml.contains("\u{0007}"))
        #expect(xml.contains("<text:tab/>B"))
        #expect(xml.contains("table:number-columns-repeated=\"2\""))
        #expect(document.meta().contains("Strøm &lt;svigt&gt;"))
    }
}
