import Foundation
import Testing

@testable import Tabular

@Suite struct CSVStreamTests {
    static func viaStream(_ bytes: [UInt8], chunk: Int? = nil) throws -> [[String]] {
        var out: [[String]] = []
        let stream: CSVStream
        if let chunk {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvstream-\(UUID().uuidString).csv")
            try Data(bytes).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            stream = try CSVStream(path: url.path, chunkSize: chunk)
            try stream.forEachRecord { out.append($0.strings()) }
        } else {
            stream = CSVStream(bytes: bytes)
            try stream.forEachRecord { out.append($0.strings()) }
        }
        return out
    }

    static func viaReader(_ bytes: [UInt8]) throws -> [[String]] {
        var reader = CSVReader(bytes: bytes)
        var out: [[String]] = []
        while let r = try reader.nextRecord() {
            if r == [""] { continue }
            out.append(r)
        }
        return out
    }

    @Test func basicRecordsBOMAndSemicolons() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a;b\r\n1;\"x;y\"\r\n\r\n2;\"he said \"\"hi\"\"\"\n".utf8)
        #expect(try Self.viaStream(bytes) == [["a", "b"], ["1", "x;y"], ["2", "he said \"hi\""]])
        #expect(try Self.viaStream(bytes, chunk: 64) == [["a", "b"], ["1", "x;y"], ["2", "he said \"hi\""]])
    }

    @Test func lineNumbersCountQuotedLineBreaksAndBlankLines() throws {
        let stream = CSVStream(bytes: Array("h\n\n\"a\nb\"\nc\n".utf8))
        var lines: [Int] = []
        try stream.forEachRecord { lines.append($0.line) }
        #expect(lines == [1, 3, 5])
    }

    @Test func truncatedQuotedFieldIsAnErrorWithLineAndColumn() throws {
        for chunk in [nil, 64] as [Int?] {
            #expect(throws: CSVError(.unterminatedQuote, line: 2, column: 3)) {
                try Self.viaStream(Array("a,b\n1,\"never closed".utf8), chunk: chunk)
            }
        }
    }

    @Test func recordsSpanningManyChunksAreIntact() throws {
        let long = String(repeating: "x", count: 1000)
        let text = "k,v\n" + (0..<200).map { "\($0),\"\(long)\nline \($0)\"" }.joined(separator: "\r\n") + "\n"
        let rows = try Self.viaStream(Array(text.utf8), chunk: 64)
        #expect(rows.count == 201)
        #expect(rows[200] == ["199", long + "\nline 199"])
    }

    /// The chunked stream and the simple reader agree on generated input at every chunk size.
    @Test func agreesWithTheSimpleReaderOnGeneratedInput() throws {
        var rng = SplitMix(seed: 42)
        let alphabet: [String] = ["a", "b", ",", "\"", "\n", "\r\n", " ", "æ", "1"]
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int(rng.next() % 6 + 1) {
                var fields: [String] = []
                for _ in 0..<Int(rng.next() % 4 + 1) {
                    var f = ""
                    for _ in 0..<Int(rng.next() % 6) { f += alphabet[Int(rng.next() % UInt64(alphabet.count))] }
                    fields.append(CSVWriter.escape(f))
                }
                text += fields.joined(separator: ",") + (rng.next() % 2 == 0 ? "\n" : "\r\n")
            }
            let bytes = Array(text.utf8)
            let expected = try Self.viaReader(bytes)
            #expect(try Self.viaStream(bytes) == expected, "input: \(text.debugDescription)")
            #expect(try Self.viaStream(bytes, chunk: 64) == expected, "input: \(text.debugDescription)")
        }
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
