import Bindings
import Community
import Fluent
import Foundation
import Persistence
import Vapor

@testable import Web

/// A small bindings register for a municipality: a vendor with an office suite and its mail
/// component, an ESDH bound hard to the mail client, a contract with an exit window a year out, a
/// data set, an exit plan and one lock-in measurement. Every name carries `label`.
struct BindingsFixture {
    var vendor: UUID
    var product: UUID
    var component: UUID
    var system: UUID
    var binding: UUID
    var contract: UUID
    var exitPlan: UUID

    static let none = BindingsFixture(vendor: UUID(), product: UUID(), component: UUID(), system: UUID(), binding: UUID(), contract: UUID(), exitPlan: UUID())

    static func seed(_ app: Application, org: Organisation, user: UserAccount, label: String, department: String = "Borgerservice") async throws -> BindingsFixture {
        let scope = World.scope(org, user, [.architect])
        let repo = BindingsRepository(db: app.db)
        var v = BindingsRepository.VendorInput(name: "\(label) Software Inc", country: "US")
        v.nonEUCompellable = true
        let vendor = try await repo.saveVendor(v, in: scope, now: fixedNow)
        let product = try await repo.saveProduct(vendorID: vendor, name: "\(label) Suite", category: "office suite", in: scope)
        let component = try await repo.saveComponent(productID: product, name: "\(label) Mail", in: scope)
        var asset = ResilienceRepository.AssetInput(kind: "system", name: "\(label) ESDH")
        asset.criticality = "critical"
        let system = try await ResilienceRepository(db: app.db).saveAsset(asset, in: scope, now: fixedNow)
        try await repo.saveUsage(system, users: 300, usedBy: [department], in: scope, now: fixedNow)
        var b = BindingsRepository.BindingInput(assetID: system, target: .component(component), type: .clientAddIn, strength: .hard)
        b.functions = ["\(label) journalisér e-mails"]
        b.removalCost = 100_000
        let binding = try await repo.saveBinding(b, in: scope, now: fixedNow)
        var c = BindingsRepository.ContractInput(name: "\(label) kontrakt")
        (c.vendorID, c.usages, c.expiry, c.noticeMonths, c.annualCost) = (vendor, [system], Calendar(identifier: .gregorian).date(byAdding: .month, value: 12, to: fixedNow), 3, 500_000)
        let contract = try await repo.saveContract(c, in: scope, now: fixedNow)
        var d = BindingsRepository.DataAssetInput(assetID: system, name: "\(label) sager")
        d.businessCritical = true
        _ = try await repo.saveDataAsset(d, in: scope)
        var p = BindingsRepository.ExitPlanInput(title: "\(label) exitplan")
        (p.target, p.contractID, p.plannedDone) = (.component(component), contract, "2027-01-15")
        let plan = try await repo.saveExitPlan(p, in: scope, now: fixedNow)
        try await repo.recomputeLockIn(in: scope, now: fixedNow)
        return BindingsFixture(vendor: vendor, product: product, component: component, system: system, binding: binding, contract: contract, exitPlan: plan)
    }
}
