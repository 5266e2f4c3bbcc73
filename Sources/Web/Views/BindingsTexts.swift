import Bindings
import Foundation

/// Danish and English names of Bindinger's values (docs/glossary.md).
enum BindingsText {
    static let names: [String: (da: String, en: String)] = [
        // Binding types
        "identity": ("identitet / single sign-on", "identity / single sign-on"), "client_add_in": ("klienttilføjelse", "client add-in"),
        "document_template": ("dokumentskabelon / makro", "document template / macro"), "file_format": ("filformat", "file format"),
        "api": ("API / protokol", "API / protocol"), "data_hosting": ("datahosting", "data hosting"), "licence_bundle": ("licenspakke", "licence bundle"),
        "security_tooling": ("sikkerhedsværktøj", "security tooling"), "data_flow": ("dataflow", "data flow"), "workflow": ("arbejdsgang", "workflow"),
        "skills": ("kompetencer", "skills"),
        // Scopes (Aarhus's three)
        "administrative_process": ("administrativ proces", "administrative process"), "fagsystem": ("fagsystem", "line-of-business system"),
        "security_solution": ("sikkerhedsløsning", "security solution"),
        // Strength
        "hard": ("hård – holder op med at virke", "hard – stops working"), "degraded": ("forringet – virker med tab", "degraded – works with loss"),
        "convenience": ("bekvemmelighed", "convenience"),
        // Substitutability
        "open_standard": ("åben standard findes", "open-standard alternative exists"), "other_vendor": ("anden leverandør findes", "other vendor exists"),
        "none": ("intet alternativ", "no alternative"),
        // Vendor roles
        "rights_holder": ("rettighedshaver", "rights holder"), "supplier": ("kontraktleverandør", "contract supplier"), "reseller": ("forhandler", "reseller"),
        "hosting": ("drift / hosting", "operator / hosting"), "data_processor": ("databehandler", "data processor"),
        "sub_processor": ("underdatabehandler", "sub-processor"), "archive_supplier": ("arkivleverandør", "archive supplier"),
        // Lock-in dimensions and levels
        "bindings": ("bindinger", "bindings"), "breadth": ("udbredelse", "breadth"), "contract": ("kontraktstivhed", "contract rigidity"),
        "portability": ("dataportabilitet", "data portability"), "jurisdiction": ("jurisdiktion", "jurisdiction"),
        "green": ("grøn", "green"), "amber": ("gul", "amber"), "red": ("rød", "red"),
        // Office move
        "now": ("kan flytte nu", "can move now"), "with_workaround": ("kan flytte med omvej", "can move with a workaround"), "blocked": ("blokeret", "blocked"),
        // Product delivery and licence
        "on_premises": ("egen drift", "on premises"), "hosted": ("hostet", "hosted"), "saas": ("SaaS", "SaaS"),
        "proprietary": ("proprietær", "proprietary"), "open_source": ("open source", "open source"),
        // Target kinds
        "vendor": ("leverandør", "vendor"), "product": ("produkt", "product"), "component": ("komponent", "component"),
    ]

    static func name(_ value: String, _ lang: Lang) -> String {
        guard let n = names[value] else { return value }
        return lang == .da ? n.da : n.en
    }

    /// The short strength word for tables.
    static func short(_ s: Strength, _ lang: Lang) -> String {
        switch s {
        case .hard: lang == .da ? "hård" : "hard"
        case .degraded: lang == .da ? "forringet" : "degraded"
        case .convenience: lang == .da ? "bekvemmelighed" : "convenience"
        }
    }

    static func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ lang: Lang) -> [(value: String, label: String)] where T.RawValue == String {
        T.allCases.map { ($0.rawValue, name($0.rawValue, lang)) }
    }

    /// The tender requirement as it goes into the tender material (Danish first).
    static func requirement(_ kind: TenderRequirement.Kind, _ lang: Lang) -> (title: String, text: String) {
        switch kind {
        case .idpNeutralSSO: lang == .da
            ? ("Login via enhver standard-identitetsudbyder", "Løsningen skal understøtte single sign-on med SAML 2.0 og OpenID Connect mod en vilkårlig identitetsudbyder valgt af kommunen, og brugerstyring med SCIM. Den må ikke forudsætte en bestemt leverandørs identitetstjeneste.")
            : ("Sign-in through any standard identity provider", "The solution shall support single sign-on with SAML 2.0 and OpenID Connect against any identity provider the municipality chooses, and user provisioning with SCIM. It shall not require one vendor's identity service.")
        case .noSuiteOnlyAddIns: lang == .da
            ? ("Ingen tilføjelser, der kun virker i én kontorpakke", "Funktioner som journalisering af e-mails og afsendelse af dokumenter skal kunne bruges uafhængigt af e-mailklient og kontorpakke, fx via webklient, IMAP/SMTP eller et dokumenteret API – ikke kun som tilføjelse til én leverandørs klient.")
            : ("No add-ins that only work in one office suite", "Functions such as filing e-mails and sending documents shall work independently of the mail client and office suite, e.g. through a web client, IMAP/SMTP or a documented API – not only as an add-in for one vendor's client.")
        case .openDocumentFormats: lang == .da
            ? ("Åbne dokumentformater", "Løsningen skal kunne læse og skrive dokumenter i ODF (ISO/IEC 26300) og OOXML (ISO/IEC 29500) og arkivere i PDF/A. Skabeloner og brevfletning må ikke forudsætte makroer i én bestemt tekstbehandler.")
            : ("Open document formats", "The solution shall read and write documents in ODF (ISO/IEC 26300) and OOXML (ISO/IEC 29500) and archive in PDF/A. Templates and mail merge shall not require macros in one particular word processor.")
        case .documentedAPIAndExport: lang == .da
            ? ("Dokumenteret API og fuld dataeksport", "Leverandøren skal stille et dokumenteret API til rådighed for kommunens data og en fuldstændig eksport i åbne, dokumenterede formater (fx CSV, JSON, XML), som kommunen kan teste når som helst i kontraktperioden uden merpris.")
            : ("Documented API and full data export", "The vendor shall provide a documented API to the municipality's data and a complete export in open, documented formats (e.g. CSV, JSON, XML) that the municipality can test at any time during the contract at no extra charge.")
        case .hostingJurisdiction: lang == .da
            ? ("Hosting inden for EU's jurisdiktion", "Data skal opbevares og behandles i EU/EØS af en leverandør og underleverandører, der ikke er underlagt lovgivning uden for EU, som kan pålægge udlevering af data (fx US CLOUD Act). Ændring af hostingsted kræver kommunens skriftlige accept.")
            : ("Hosting within EU jurisdiction", "Data shall be stored and processed in the EU/EEA by a vendor and sub-processors not subject to non-EU law that can compel access to data (e.g. the US CLOUD Act). A change of hosting location requires the municipality's written consent.")
        case .exitAssistance: lang == .da
            ? ("Exitbistand og tilbagelevering af data", "Kontrakten skal indeholde en exitklausul med exitbistand, tilbagelevering af alle data i åbne formater inden en fast frist og uden skifteomkostninger (jf. EU's dataforordning, der forbyder skifteomkostninger fra 12. januar 2027).")
            : ("Exit assistance and data return", "The contract shall include an exit clause with exit assistance, return of all data in open formats within a fixed deadline, and no switching charges (the EU Data Act bans switching charges from 12 January 2027).")
        case .openSecurityInterfaces: lang == .da
            ? ("Åbne grænseflader for sikkerhedsdata", "Sikkerhedshændelser og logdata skal kunne leveres i standardformater (fx syslog, CEF eller OCSF) til et overvågningsværktøj valgt af kommunen.")
            : ("Open interfaces for security data", "Security events and logs shall be deliverable in standard formats (e.g. syslog, CEF or OCSF) to a monitoring tool chosen by the municipality.")
        case .noBundle: lang == .da
            ? ("Kan købes uden licenspakke", "Løsningen skal kunne købes og bruges uden at kommunen samtidig skal have en bestemt leverandørs licenspakke.")
            : ("Can be bought without a licence bundle", "The solution shall be purchasable and usable without the municipality also holding one vendor's licence bundle.")
        }
    }

    /// "1.234.567 kr." / "kr. 1,234,567".
    static func kroner(_ value: Int, _ lang: Lang) -> String {
        var f = IntegerFormatStyle<Int>()
        f = f.locale(Locale(identifier: lang == .da ? "da_DK" : "en_GB"))
        return lang == .da ? "\(value.formatted(f)) kr." : "DKK \(value.formatted(f))"
    }

    static func percent(_ share: Double, _ lang: Lang) -> String {
        let v = (share * 100).rounded()
        return "\(Int(v)) %"
    }

    static func score(_ value: Double, _ lang: Lang) -> String {
        let t = String(format: "%.1f", value)
        return lang == .da ? t.replacingOccurrences(of: ".", with: ",") : t
    }
}
