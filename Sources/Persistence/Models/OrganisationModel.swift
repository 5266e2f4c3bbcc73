import Community
import FluentKit
import Foundation

/// `@unchecked Sendable`: Fluent models are mutable reference types by design; each instance is
/// confined to one task at a time and crosses to the domain through `toDomain()`.
public final class OrganisationModel: Model, @unchecked Sendable {
    public static let schema = "organisations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "region") public var region: String?
    @OptionalField(key: "parent_id") public var parentID: UUID?
    @Field(key: "is_demo") public var isDemo: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(domain o: Organisation) {
        id = o.id
        kind = o.kind.rawValue
        code = o.code
        name = o.name
        region = o.region
        parentID = o.parentID
        isDemo = o.isDemo
    }

    public func toDomain() -> Organisation {
        Organisation(
            id: id!, kind: OrganisationKind(rawValue: kind) ?? .department, code: code, name: name, region: region,
            parentID: parentID, isDemo: isDemo)
    }
}
