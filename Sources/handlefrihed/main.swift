import Bindings
import Fluent
import ArgumentParser
import Foundation
import Logging
import Persistence
import Vapor
import Web
import Licensing
import Tabular

@main
struct Handlefrihed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handlefrihed",
        abstract: "Licences, vendor bindings and NIS2 readiness for Danish municipalities.",
        subcommands: [Serve.self, Migrate.self, Demo.self, Users.self, Export.self, Import.self, Licences.self, RemindersCommand.self, Kitos.self])
}

/// Builds the configured application for a command; the caller shuts it down.
func makeApplication(arguments: [String] = ["handlefrihed"], adjust: (inout AppConfig) -> Void = { _ in }) async throws -> Application {
    var config: AppConfig
    do {
        config = try AppConfig.fromEnvironment()
    } catch {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(78)
    }
    adjust(&config)
    LoggingBootstrap.once(format: config.logFormat)
    let env = Environment(name: "production", arguments: arguments)
    let app = try await Application.make(env)
    do {
        try configure(app, config: config)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    return app
}

enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false

    static func once(format: AppConfig.LogFormat) {
        guard !done else { return }
        done = true
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            switch format {
            case .json:
                var h = JSONLogHandlerFactory.make(label: label)
                h.logLevel = level
                return h
            case .text:
                var h = StreamLogHandler.standardError(label: label)
                h.logLevel = level
                return h
            }
        }
    }
}

/// Runs `body` with an application and always shuts it down.
func withApplication<T>(autoMigrate: Bool = true, _ body: (Application) async throws -> T) async throws -> T {
    let app = try await makeApplication()
    do {
        if autoMigrate { try await app.autoMigrate() }
        let result = try await body(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

func fail(_ message: String, code: Int32 = 1) -> ExitCode {
    FileHandle.standardError.write(Data(("handlefrihed: " + message + "\n").utf8))
    return ExitCode(code)
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the web app (Ctrl-C or SIGTERM stops it gracefully).")

    @ArgumentParser.Option(help: "Address to listen on (default 127.0.0.1 or HANDLEFRIHED_HOST).") var hostname: String?
    @ArgumentParser.Option(help: "Port (default 8080 or HANDLEFRIHED_PORT).") var port: Int?
    @ArgumentParser.Flag(help: "Load the demo municipality into the database if it is not there, and print its login.") var demo = false
    @ArgumentParser.Flag(help: "Run pending migrations first (always done for SQLite).") var migrate = false

    func run() async throws {
        let app = try await makeApplication(arguments: ["handlefrihed", "serve"]) { config in
            if let hostname { config.hostname = hostname }
            if let port { config.port = port }
        }
        do {
            if case .postgres = app.config.storage, !migrate {
                // Several instances may share one PostgreSQL: migrations are an explicit step.
            } else {
                try await app.autoMigrate()
            }
            // Retention: purge per-user licence data older than each municipality's setting, now and every six hours.
            Operations.removeStaleUploads()
            let purged = try await LicenceRepository(db: app.db).applyRetention(now: Date())
            if purged > 0 { app.logger.notice("retention", metadata: ["purged_snapshots": "\(purged)"]) }
            let db = app.db
            let logger = app.logger
            app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .hours(6), delay: .hours(6)) { _ in
                app.eventLoopGroup.next().makeFutureWithTask {
                    do {
                        _ = try await LicenceRepository(db: db).applyRetention(now: Date())
                    } catch {
                        logger.error("retention failed")
                    }
                }
            }
            if app.config.smtp != nil {
                // Deadline reminders by e-mail: a first pass after a minute, then every 15 minutes.
                app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .minutes(1), delay: .minutes(15)) { _ in
                    app.eventLoopGroup.next().makeFutureWithTask {
                        do {
                            try await Reminders.run(app, now: Date())
                        } catch {
                            logger.error("reminders failed")
                        }
                    }
                }
            }
            let url = "http://\(app.config.hostname):\(app.config.port)"
            if demo {
                let login = try await Operations.loadDemo(app)
                say("""
                    Handlefrihed: \(url)
                    Demo (fiktiv kommune\(login.freshlyLoaded ? ", indlæst nu" : "")): log ind som \(login.email) med adgangskoden \(login.password)
                    """)
            } else {
                say("Handlefrihed: \(url)")
            }
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run pending database migrations, or revert the last batch.")
    @ArgumentParser.Flag(help: "Revert the last batch of migrations.") var revert = false

    func run() async throws {
        try await withApplication(autoMigrate: false) { app in
            if revert {
                try await app.autoRevert()
                say("Reverted all migrations.")
            } else {
                try await app.autoMigrate()
                say("Migrations are up to date.")
            }
        }
    }
}

struct RemindersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reminders", abstract: "E-mail reminders of NIS2 deadlines.",
        subcommands: [Send.self])

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send the reminders that are due now (serve does this every 15 minutes when HANDLEFRIHED_SMTP_HOST is set).")

        func run() async throws {
            try await withApplication { app in
                guard app.config.smtp != nil else {
                    FileHandle.standardError.write(Data("HANDLEFRIHED_SMTP_HOST and HANDLEFRIHED_SMTP_FROM must be set to send reminders.\n".utf8))
                    throw ExitCode(78)
                }
                let sent = try await Reminders.run(app, now: Date())
                say("Sendte \(sent) påmindelse(r).")
            }
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Demo data: the fictitious municipality (default), or generated usage reports.",
        subcommands: [Municipality.self, LicenceReports.self, Nis2Load.self, BindingsLoad.self, BindingsTimings.self], defaultSubcommand: Municipality.self)

    struct Municipality: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "municipality", abstract: "Load the fictitious demo municipality (kommunekode 0999) into the database.")

        func run() async throws {
            let login = try await withApplication { try await Operations.loadDemo($0) }
            say("Demo: log ind som \(login.email) med adgangskoden \(login.password)")
        }
    }

    struct Nis2Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nis2-load",
            abstract: "Fill every municipality (or the first N) with a generated NIS2 register, for benchmarks (bench/nis2.sh).")
        @ArgumentParser.Option(help: "How many municipalities (default: all 98).") var municipalities = 98
        @ArgumentParser.Option(help: "Assets per municipality.") var assets = 300
        @ArgumentParser.Option(help: "Risks per asset.") var risks = 10
        @ArgumentParser.Option(help: "Incidents per municipality.") var incidents = 200

        func run() async throws {
            try await withApplication { app in
                var size = Nis2BenchData.Size()
                (size.assets, size.risksPerAsset, size.incidents) = (assets, risks, incidents)
                let start = Date()
                let count = try await Operations.loadNis2BenchData(app, municipalities: municipalities, size: size)
                say("Genererede NIS2-registre for \(count) kommuner på \(Int(Date().timeIntervalSince(start))) s.")
            }
        }
    }

    struct BindingsLoad: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bindings-load",
            abstract: "Fill the first N municipalities with a generated bindings register, for benchmarks (bench/bindings.sh).")
        @ArgumentParser.Option(help: "How many municipalities.") var municipalities = 25
        @ArgumentParser.Option(help: "System usages per municipality.") var usages = 600
        @ArgumentParser.Option(help: "Bindings per municipality.") var bindings = 2_400

        func run() async throws {
            try await withApplication { app in
                var size = BindingsBenchData.Size()
                (size.usages, size.bindings) = (usages, bindings)
                let start = Date()
                let count = try await Operations.loadBindingsBenchData(app, municipalities: municipalities, size: size)
                say("Genererede bindingsregistre for \(count) kommuner på \(Int(Date().timeIntervalSince(start))) s.")
            }
        }
    }

    struct BindingsTimings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bindings-timings", abstract: "Time the bindings analyses on one municipality's stored register (bench/bindings.sh).")
        @ArgumentParser.Option(help: "Kommunekode, e.g. 0751.") var org: String

        func run() async throws {
            let t = try await withApplication { try await Operations.timeBindings($0, municipalityCode: org) }
            say(String(format: "load_ms=%.1f blast_radius_median_ms=%.3f blast_radius_max_ms=%.3f components=%d lock_in_recompute_ms=%.1f scores=%d graph_svg_ms=%.1f bindings=%d",
                t.load, t.blastRadiusMedian, t.blastRadiusMax, t.components, t.lockInRecompute, t.scores, t.graph, t.bindings))
        }
    }

    struct LicenceReports: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "licences", abstract: "Write the nine Microsoft 365 usage reports and a people file for N fictitious users.")
        @ArgumentParser.Option(help: "Number of users.") var users: Int = 1000
        @ArgumentParser.Option(help: "Folder to write into (created if needed).") var out: String
        @ArgumentParser.Option(help: "Seed; the same seed and user count give the same files.") var seed: UInt64 = 5049

        func run() throws {
            guard users > 0 else { throw fail("--users must be at least 1", code: 2) }
            let names = try DemoReports.write(users: users, to: URL(fileURLWithPath: out), seed: seed)
            say("Wrote \(names.count) files for \(users) users to \(out) (people file: people.csv)")
        }
    }
}

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage accounts (the first administrator is created here).",
        subcommands: [Add.self, List.self, Passwd.self, Disable.self, Enable.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account; prints the password if generated.")
        @ArgumentParser.Option(help: "E-mail address (the login name).") var email: String
        @ArgumentParser.Option(help: "Display name.") var name: String
        @ArgumentParser.Option(help: "Kommunekode (e.g. 0751) or CERT for a membership.") var org: String?
        @ArgumentParser.Option(help: "Role in --org: administrator, licence_administrator, architect, security_officer, management_member, auditor, centre_operator, cert_analyst.")
        var role: String?
        @ArgumentParser.Flag(help: "Installation-wide administrator (may create centres and act in any organisation).") var systemAdmin = false
        @ArgumentParser.Flag(help: "Read the password from standard input instead of generating one.") var passwordStdin = false

        func run() async throws {
            let password = passwordStdin ? readLine(strippingNewline: true) : nil
            do {
                let (account, pw) = try await withApplication {
                    try await Operations.addUser($0, email: email, name: name, organisationCode: org, role: role, systemAdmin: systemAdmin, password: password)
                }
                say("Created \(account.email)")
                if password == nil { say("Password: \(pw)") }
            } catch let e as Operations.Failure {
                throw fail(e.description, code: 2)
            } catch let e as RepositoryError {
                throw fail("\(e)", code: 2)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        func run() async throws {
            let accounts = try await withApplication { try await UserRepository(db: $0.db).list() }
            for a in accounts {
                say([a.email, a.displayName, a.isSystemAdmin ? "system-admin" : "", a.isDisabled ? "disabled" : "active",
                    a.hasPassword ? "" : "no-password"].filter { !$0.isEmpty }.joined(separator: "\t"))
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a new password; prints it if generated.")
        @ArgumentParser.Option(help: "E-mail address.") var email: String
        @ArgumentParser.Flag(help: "Read the password from standard input.") var passwordStdin = false
        func run() async throws {
            let password = passwordStdin ? readLine(strippingNewline: true) : nil
            do {
                let pw = try await withApplication { try await Operations.setPassword($0, email: email, password: password) }
                say(password == nil ? "Password: \(pw)" : "Password set.")
            } catch let e as Operations.Failure {
                throw fail(e.description, code: 2)
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account (it can no longer log in).")
        @ArgumentParser.Option(help: "E-mail address.") var email: String
        func run() async throws {
            do {
                try await withApplication { try await Operations.setDisabled($0, email: email, disabled: true) }
                say("Disabled \(email)")
            } catch let e as Operations.Failure {
                throw fail(e.description, code: 2)
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account.")
        @ArgumentParser.Option(help: "E-mail address.") var email: String
        func run() async throws {
            do {
                try await withApplication { try await Operations.setDisabled($0, email: email, disabled: false) }
                say("Enabled \(email)")
            } catch let e as Operations.Failure {
                throw fail(e.description, code: 2)
            }
        }
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write everything of one municipality as an archive (docs/export-format.md).")
    @ArgumentParser.Option(help: "Kommunekode, e.g. 0751.") var org: String
    @ArgumentParser.Option(help: "Archive file to write (.zip).") var out: String

    func run() async throws {
        do {
            let (data, manifest) = try await withApplication { try await Operations.exportArchive($0, municipalityCode: org) }
            try data.write(to: URL(fileURLWithPath: out))
            say("Wrote \(out): " + manifest.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        } catch let e as ArchiveError {
            throw fail(e.description, code: 2)
        }
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Read an export archive into this installation (all or nothing).")
    @ArgumentParser.Option(name: .customLong("in"), help: "Archive file (.zip).") var input: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: input) else { throw fail("\(input): cannot read the file.", code: 2) }
        do {
            let summary = try await withApplication { try await Operations.importArchive($0, data: data) }
            say("Imported kommune \(summary.organisationCode): " + summary.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        } catch let e as ArchiveError {
            throw fail("\(input): " + e.description, code: 2)
        }
    }
}

struct Kitos: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kitos", abstract: "Read a municipality's systems, contracts and data processors from KITOS into Bindinger.",
        subcommands: [FilesCommand.self, Pull.self])

    static func report(_ s: KitosImporter.Summary) -> String {
        "\(s.usagesCreated) nye og \(s.usagesUpdated) opdaterede systemer, \(s.usagesMarkedRemoved) markeret som fjernet i KITOS, "
            + "\(s.vendors) leverandører, \(s.contracts) kontrakter, \(s.integrations) relationer"
    }

    struct FilesCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Import saved API v2 responses (it-system-usages.json and optionally it-systems.json, it-contracts.json, data-processing-registrations.json).")
        @ArgumentParser.Option(help: "Kommunekode, e.g. 0751.") var org: String
        @ArgumentParser.Argument(help: "The saved JSON files (named after their endpoint).") var files: [String]

        func run() async throws {
            var contents: [String: [UInt8]] = [:]
            for path in files {
                let name = URL(fileURLWithPath: path).lastPathComponent
                guard let data = FileManager.default.contents(atPath: path) else { throw fail("\(path): cannot read the file.", code: 2) }
                guard let key = KitosExport.file(named: name) else {
                    throw fail("\(name): name the file after its endpoint: " + KitosExport.files.joined(separator: ", "), code: 2)
                }
                contents[key] = Array(data)
            }
            do {
                let summary = try await withApplication { try await Operations.importKitosFiles($0, municipalityCode: org, files: contents) }
                say("KITOS indlæst: " + Kitos.report(summary))
            } catch let e as JSONError {
                throw fail("intet er ændret: " + e.description, code: 2)
            } catch let e as RepositoryError {
                throw fail("intet er ændret: \(e)", code: 2)
            }
        }
    }

    struct Pull: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pull from KITOS's API v2: everything the first time, afterwards what changed since the last pull (changedSinceGtEq). The token is read from KITOS_TOKEN.")
        @ArgumentParser.Option(help: "Kommunekode, e.g. 0751.") var org: String
        @ArgumentParser.Option(help: "KITOS's address, e.g. https://kitos.dk") var url: String
        @ArgumentParser.Option(help: "The municipality's organisation uuid in KITOS.") var kitosOrganisation: String
        @ArgumentParser.Flag(help: "Read everything, not only what changed.") var full = false
        @ArgumentParser.Option(help: "Items per page (KITOS allows 1–250).") var pageSize = 250

        func run() async throws {
            guard let token = ProcessInfo.processInfo.environment["KITOS_TOKEN"], !token.isEmpty else {
                throw fail("set KITOS_TOKEN to a KITOS API token (POST /api/authorize/GetToken in KITOS).", code: 2)
            }
            guard let uuid = UUID(uuidString: kitosOrganisation) else { throw fail("--kitos-organisation must be a uuid.", code: 2) }
            guard url.hasPrefix("https://") || url.hasPrefix("http://127.0.0.1") || url.hasPrefix("http://localhost") else {
                throw fail("--url must be https:// (the token travels with every request).", code: 2)
            }
            do {
                let (summary, delta) = try await withApplication {
                    var pull = KitosPull(baseURL: url, token: token, organisationUUID: uuid)
                    pull.pageSize = min(max(pageSize, 1), 250)
                    return try await Operations.pullKitos($0, municipalityCode: org, pull: pull, full: full)
                }
                say("KITOS hentet (\(delta ? "ændringer siden sidst" : "alt")): " + Kitos.report(summary))
            } catch let e as KitosPull.Failure {
                throw fail("intet er ændret: " + e.description, code: 3)
            } catch let e as JSONError {
                throw fail("intet er ændret: " + e.description, code: 2)
            }
        }
    }
}

/// Unbuffered standard output, so a supervisor or log file sees the login line at once.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

struct Licences: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "licences", abstract: "Licence profiling (offline: no database, no server).", subcommands: [ProfileCommand.self])

    struct ProfileCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "profile", abstract: "Profile Microsoft 365 usage reports and recommend the cheapest licences (specs/licensing.md).")
        @ArgumentParser.Option(help: "Folder with the usage report CSV files (recognised by their header row).") var reports: String
        @ArgumentParser.Option(help: "Licence catalogue CSV (default: the bundled list prices).") var catalogue: String?
        @ArgumentParser.Option(help: "Policy JSON.") var policy: String?
        @ArgumentParser.Option(help: "People file CSV.") var people: String?
        @ArgumentParser.Option(help: "Write users.csv here (default: standard output).") var out: String?
        @ArgumentParser.Option(help: "Write the summary JSON here.") var summary: String?
        @ArgumentParser.Option(help: "Write the self-contained HTML report here.") var html: String?

        func run() throws {
            let started = ContinuousClock.now
            let profile: Profile
            do {
                profile = try ProfileRun.run(
                    .init(reportsDirectory: reports, cataloguePath: catalogue, policyPath: policy, peoplePath: people)
                ) { file, rows in
                    FileHandle.standardError.write(Data("  \((file as NSString).lastPathComponent): \(rows) rækker…\n".utf8))
                }
            } catch {
                throw fail(error.description, code: 2)
            }
            let csv = profile.usersCSV()
            if let out {
                try Data(csv.utf8).write(to: URL(fileURLWithPath: out))
            } else {
                FileHandle.standardOutput.write(Data(csv.utf8))
            }
            let s = profile.summary()
            if let summary { try Data(Profile.json(s).utf8).write(to: URL(fileURLWithPath: summary)) }
            if let html { try Data(ReportDocument.html(profile, s).utf8).write(to: URL(fileURLWithPath: html)) }
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            var lines = ["\(s.usersProfiled) brugere profileret pr. \(s.asOf) på \(String(format: "%.1f", seconds).replacingOccurrences(of: ".", with: ",")) s",
                "Besparelse: \(s.monthlySaving.dkk) kr./md., \(s.annualSaving.dkk) kr./år"]
            lines += s.warnings.map { "Advarsel: \($0)" }
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}
