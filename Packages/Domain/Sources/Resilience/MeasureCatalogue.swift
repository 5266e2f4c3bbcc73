import Foundation

/// The measures catalogue, versioned as a data file in the repository
/// (`Resources/measures-catalogue.json`): NIS2 Art. 21(2) a–j in English and Danish with
/// references to ISO/IEC 27001:2022 Annex A, and Annex A by number and short title.
public struct MeasureCatalogue: Decodable, Sendable {
    public struct Article21Item: Decodable, Sendable, Equatable {
        public var id: String
        public var en: String
        public var da: String
        public var iso27001: [String]
    }

    public struct AnnexAControl: Decodable, Sendable, Equatable {
        public var id: String
        public var theme: String
        public var title: String
    }

    public var version: String
    public var nis2Article21: [Article21Item]
    public var annexA: [AnnexAControl]

    enum CodingKeys: String, CodingKey {
        case version, nis2Article21 = "nis2_article_21_2", annexA = "iso27001_2022_annex_a"
    }

    public static let bundled: MeasureCatalogue = {
        guard let url = Bundle.module.url(forResource: "measures-catalogue", withExtension: "json", subdirectory: "Resources"),
            let data = try? Data(contentsOf: url), let catalogue = try? JSONDecoder().decode(MeasureCatalogue.self, from: data)
        else { fatalError("measures-catalogue.json is missing or invalid") }
        return catalogue
    }()

    /// Problems with the catalogue's integrity (empty when sound): ids unique, references resolve.
    public func integrityProblems() -> [String] {
        var problems: [String] = []
        let annexIDs = annexA.map(\.id)
        if Set(annexIDs).count != annexIDs.count { problems.append("duplicate Annex A ids") }
        let articleIDs = nis2Article21.map(\.id)
        if Set(articleIDs).count != articleIDs.count { problems.append("duplicate Art. 21(2) ids") }
        let known = Set(annexIDs)
        for item in nis2Article21 {
            for ref in item.iso27001 where !known.contains(ref) { problems.append("Art. 21(2)(\(item.id)) refers to unknown control \(ref)") }
        }
        return problems
    }
}
