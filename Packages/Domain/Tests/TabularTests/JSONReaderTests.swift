import Foundation
import Testing

@testable import Tabular

@Suite struct JSONReaderTests {
    func parse(_ s: String) throws(JSONError) -> JSONNode { try JSONReader.parse(Array(s.utf8), file: "it-system-usages.json") }

    @Test func valuesKeepTheirLineColumnAndPath() throws {
        let doc = try parse("""
            [
              {"uuid": "0b6f1c2a-8d2e-4c1e-9b1a-2f1e6a7c9d10",
               "general": {"numberOfExpectedUsers": {"lowerBound": 50, "upperBound": null}},
               "outgoingSystemRelations": []}
            ]
            """)
        let first = try #require(doc.array?.first)
        let users = try #require(first["general"]?["numberOfExpectedUsers"]?["lowerBound"])
        #expect(users.value == .number("50"))
        #expect(users.line == 3 && users.column == 56)
        #expect(users.path == "[0].general.numberOfExpectedUsers.lowerBound")
        #expect(first["general"]?["numberOfExpectedUsers"]?["upperBound"]?.isNull == true)
        #expect(first["outgoingSystemRelations"]?.array?.isEmpty == true)
        #expect(first["missing"] == nil)
    }

    @Test func escapesIncludingSurrogatePairsAndTheDanishLetters() throws {
        let s = try parse(#""Ærø \u00e6\u00f8\u00e5 \ud83d\ude00 \"q\" \\ \/ \t""#).string
        #expect(s == "Ærø æøå 😀 \"q\" \\ / \t")
    }

    @Test func numbersFollowTheGrammar() throws {
        #expect(try parse("-0.5e+10").value == .number("-0.5e+10"))
        for bad in ["01", "1.", "-", "1e", ".5", "+1"] {
            #expect(throws: JSONError.self, "\(bad)") { try parse(bad) }
        }
    }

    @Test func errorsNameFileLineColumnAndPath() {
        let cases: [(String, String)] = [
            ("{\"a\": [1, 2,]}", "it-system-usages.json:1:13 (a[2]): unexpected character"),
            ("{\"a\": \"x}", "it-system-usages.json:1:10 (a): the document ends inside a string"),
            ("{\"a\" 1}", "it-system-usages.json:1:6: expected \":\" after the key \"a\""),
            ("[1]\n]", "it-system-usages.json:2:1: unexpected text after the end of the document"),
            ("{\"a\": \"\\x\"}", "it-system-usages.json:1:10 (a): an unknown escape \\x"),
            ("\"\\ud800\"", "it-system-usages.json:1:8: a lone surrogate in \\u escape"),
            ("{\"a\": \"line\nbreak\"}", "it-system-usages.json:1:12 (a): a control character inside a string (line breaks must be written \\n)"),
        ]
        for (input, message) in cases {
            do {
                _ = try parse(input)
                Issue.record("accepted: \(input)")
            } catch {
                #expect(error.description == message, "\(input)")
            }
        }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONError.self) { try parse(deep) }
        let ok = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect((try? parse(ok)) != nil)
    }

    @Test func agreesWithFoundationOnWhatIsValid() throws {
        let samples = ["{}", "[]", "true", "null", "[1,{\"a\":[true,false,null]},\"x\"]", "{\"a\":1,\"a\":2}", " \n[ 1 , 2 ] \n", "{,}", "[\"\\u0041\"]"]
        for s in samples {
            let ours = (try? parse(s)) != nil
            let foundation = (try? JSONSerialization.jsonObject(with: Data(s.utf8), options: [.fragmentsAllowed])) != nil
            #expect(ours == foundation, "\(s)")
        }
        // Foundation on Linux lets a trailing comma pass; RFC 8259 does not, and neither do we.
        #expect(throws: JSONError.self) { try parse("[1,]") }
    }
}
