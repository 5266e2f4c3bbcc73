import Foundation

/// The measures catalogue, versioned as a data file in the repository
/// (`Resources/measures-catalogue.json`): NIS2 Art. 21(2) a–j in English and Danish with
/// references to ISO/IEC 27001:2022 Annex A, Annex A by number and short title, and the sections of
/// the annex to Implementing Regulation (EU) 2024/2690 with the Art. 21(2) points they detail.
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

    public struct RegulationSection: Decodable, Sendable, Equatable {
        public var id: String
        public var en: String
        public var da: String
        /// The Art. 21(2) points the section details.
        public var article21: [String]
    }

    public var version: String
    public var nis2Article21: [Article21Item]
    public var annexA: [AnnexAControl]
    public var regulation2024_2690: [RegulationSection]

    enum CodingKeys: String, CodingKey {
        case version, nis2Article21 = "nis2_article_21_2", annexA = "iso27001_2022_annex_a", regulation2024_2690 = "eu_2024_2690_annex"
    }

    /// One catalogue entry as a measure refers to it: `art21:a`, `iso:5.1` or `eu2690:3`.
    public struct Item: Sendable, Equatable {
        public enum Source: String, Sendable, CaseIterable { case article21 = "art21", iso27001 = "iso", regulation2024_2690 = "eu2690" }
        public var source: Source
        public var id: String
        public var da: String
        public var en: String
        public var ref: String { "\(source.rawValue):\(id)" }
        /// How the item is cited: "Art. 21(2)(a)", "ISO 27001 A.5.1", "2024/2690 bilag pkt. 3".
        public var citation: String {
            switch source {
            case .article21: "Art. 21(2)(\(id))"
            case .iso27001: "ISO 27001 A.\(id)"
            case .regulation2024_2690: "2024/2690 pkt. \(id)"
            }
        }
    }

    /// Every item in catalogue order: Art. 21(2), then the 2024/2690 sections, then Annex A.
    public var items: [Item] {
        nis2Article21.map { Item(source: .article21, id: $0.id, da: $0.da, en: $0.en) }
            + regulation2024_2690.map { Item(source: .regulation2024_2690, id: $0.id, da: $0.da, en: $0.en) }
            + annexA.map { Item(source: .iso27001, id: $0.id, da: $0.title, en: $0.title) }
    }

    public func item(ref: String) -> Item? { itemsByRef[ref] }

    private var itemsByRef: [String: Item] { Self.index(self) }

    private static let bundledIndex: [String: Item] = Dictionary(bundled.items.map { ($0.ref, $0) }, uniquingKeysWith: { a, _ in a })

    private static func index(_ c: MeasureCatalogue) -> [String: Item] {
        c.version == bundled.version ? bundledIndex : Dictionary(c.items.map { ($0.ref, $0) }, uniquingKeysWith: { a, _ in a })
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
        let sectionIDs = regulation2024_2690.map(\.id)
        if Set(sectionIDs).count != sectionIDs.count { problems.append("duplicate 2024/2690 section ids") }
        let points = Set(articleIDs)
        for section in regulation2024_2690 {
            for ref in section.article21 where !points.contains(ref) { problems.append("2024/2690 section \(section.id) refers to unknown point \(ref)") }
        }
        return problems
    }
}
