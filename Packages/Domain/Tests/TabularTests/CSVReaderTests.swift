import Testing

@testable import Tabular

@Suite struct CSVReaderTests {
    func records(_ text: String, delimiter: UInt8? = nil) throws -> [[String]] {
        var reader = CSVReader(string: text, delimiter: delimiter)
        var out: [[String]] = []
        while let r = try reader.nextRecord() { out.append(r) }
        return out
    }

    @Test func plainRecordsWithLF() throws {
        #expect(try records("a,b\n1,2\n") == [["a", "b"], ["1", "2"]])
    }

    @Test func crlfAndNoTrailingNewline() throws {
        #expect(try records("a,b\r\n1,2") == [["a", "b"], ["1", "2"]])
    }

    @Test func byteOrderMarkIsStripped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Report Refresh Date,x\n".utf8)
        var reader = CSVReader(bytes: bytes)
        #expect(try reader.nextRecord() == ["Report Refresh Date", "x"])
    }

    @Test func semicolonIsSniffedFromHeader() throws {
        #expect(try records("a;b;c\n1;\"2,5\";3\n") == [["a", "b", "c"], ["1", "2,5", "3"]])
    }

    @Test func commaWinsTies() {
        let reader = CSVReader(string: "a\n")
        #expect(reader.delimiter == UInt8(ascii: ","))
    }

    @Test func quotedFieldsWithDoubledQuotesAndNewlines() throws {
        let text = "name,note\n\"Hansen, Jens\",\"sagde \"\"hej\"\"\nog gik\"\nx,y\n"
        let r = try records(text)
        #expect(r == [["name", "note"], ["Hansen, Jens", "sagde \"hej\"\nog gik"], ["x", "y"]])
    }

    @Test func recordLineCountsLinesInsideQuotes() throws {
        var reader = CSVReader(string: "h\n\"a\nb\"\nc\n")
        _ = try reader.nextRecord()
        _ = try reader.nextRecord()
        _ = try reader.nextRecord()
        #expect(reader.recordLine == 4)
    }

    @Test func emptyFieldsAndTrailingDelimiter() throws {
        #expect(try records("a,,c,\n") == [["a", "", "c", ""]])
    }

    @Test func unterminatedQuoteNamesLineAndColumn() {
        #expect(throws: CSVError(.unterminatedQuote, line: 2, column: 3)) {
            try records("a,b\n1,\"open\n")
        }
    }

    @Test func junkAfterClosingQuoteIsAnError() {
        #expect(throws: CSVError(.characterAfterClosingQuote("x"), line: 1, column: 6)) {
            try records("a,\"b\"x\n")
        }
    }

    @Test func invalidUTF8IsAnError() {
        var reader = CSVReader(bytes: Array("a,".utf8) + [0xFF, 0x0A])
        #expect(throws: CSVError(.invalidUTF8, line: 1, column: 3)) { try reader.nextRecord() }
    }

    @Test func errorDescriptionIsReadable() {
        let e = CSVError(.unterminatedQuote, line: 7, column: 12)
        #expect(e.description.contains("line 7, column 12"))
    }

    @Test func tableFindsColumnsByNameInAnyOrderAndSkipsBlankLines() throws {
        let table = try CSVTable(bytes: Array("B, A\n2,1\n\n4,3\n".utf8))
        #expect(table.column("a") == 1)
        #expect(table.rows.map { $0[table.column("A")] } == ["1", "3"])
        #expect(table.rows.map(\.line) == [2, 4])
        #expect(table.rows[0][nil] == "")
    }

    @Test func writerQuotesOnlyWhenNeededAndRoundTrips() throws {
        var w = CSVWriter()
        w.write(["plain", "with,comma", "with \"quote\"", "multi\nline", "Ærø"])
        #expect(w.output == "plain,\"with,comma\",\"with \"\"quote\"\"\",\"multi\nline\",Ærø\r\n")
        #expect(try records(w.output) == [["plain", "with,comma", "with \"quote\"", "multi\nline", "Ærø"]])
    }
}

@Suite struct CSVWriterCombiningMarkTests {
    /// Found by fuzzing the Bindinger export round trip: `"` followed by a combining mark is one
    /// Character, and quotes were doubled by Character, so the export could not be read back.
    @Test func aQuoteFollowedByACombiningMarkIsDoubled() throws {
        let field = "a\"\u{33C}b,\"\u{5C7}"
        let written = CSVWriter.escape(field)
        #expect(written == "\"a\"\"\u{33C}b,\"\"\u{5C7}\"")
        var reader = CSVReader(string: written + "\n")
        #expect(try reader.nextRecord() == [field])
    }
}
