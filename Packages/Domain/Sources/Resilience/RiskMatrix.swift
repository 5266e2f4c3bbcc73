/// A likelihood × impact matrix (default 5 × 5). Once an assessment uses it, it is frozen
/// (specs/nis2.md rule 7): changing it means a new matrix.
public struct RiskMatrix: Equatable, Sendable {
    /// `levels[likelihood - 1][impact - 1]`, both 1-based on screen.
    public private(set) var levels: [[Int]]
    public private(set) var isInUse = false

    public enum Failure: Error, Equatable {
        case inUse
        case notRectangular
        case outOfRange(likelihood: Int, impact: Int)
    }

    public init(levels: [[Int]]) throws(Failure) {
        guard let width = levels.first?.count, width > 0, levels.allSatisfy({ $0.count == width }) else { throw .notRectangular }
        self.levels = levels
    }

    /// The common 5 × 5 matrix: level = likelihood × impact (1–25).
    public static let standard = try! RiskMatrix(levels: (1...5).map { l in (1...5).map { l * $0 } })

    public var likelihoods: Int { levels.count }
    public var impacts: Int { levels.first?.count ?? 0 }

    public func level(likelihood: Int, impact: Int) throws(Failure) -> Int {
        guard (1...likelihoods).contains(likelihood), (1...impacts).contains(impact) else {
            throw .outOfRange(likelihood: likelihood, impact: impact)
        }
        return levels[likelihood - 1][impact - 1]
    }

    /// Marks the matrix as used by an assessment.
    public mutating func markInUse() { isInUse = true }

    public mutating func replaceLevels(_ new: [[Int]]) throws(Failure) {
        guard !isInUse else { throw .inUse }
        self = try RiskMatrix(levels: new)
    }
}
