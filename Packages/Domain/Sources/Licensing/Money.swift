/// Money is counted in integer øre; never in floating point.
public enum Money {
    /// Parses "433.80", "0", "19.4" (at most two decimals, no sign, `.` or `,` as decimal mark).
    public static func parseOre(_ text: String) -> Int64? {
        let t = text.trimmingSpaces
        guard !t.isEmpty else { return nil }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var decimals = 0
        var seenMark = false
        var digits = 0
        for ch in t.utf8 {
            switch ch {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let d = Int64(ch - UInt8(ascii: "0"))
                if seenMark {
                    decimals += 1
                    guard decimals <= 2 else { return nil }
                    fraction = fraction * 10 + d
                } else {
                    digits += 1
                    guard digits <= 12 else { return nil }
                    whole = whole * 10 + d
                }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                guard !seenMark else { return nil }
                seenMark = true
            default:
                return nil
            }
        }
        guard digits > 0 else { return nil }
        if decimals == 1 { fraction *= 10 }
        return whole * 100 + fraction
    }

    /// "123.45", "-1.50".
    public static func format(_ ore: Int64) -> String {
        let sign = ore < 0 ? "-" : ""
        let a = ore.magnitude
        let cents = a % 100
        return "\(sign)\(a / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}

import Tabular
