import Persistence
import Community
import FluentKit
import Fluent
import Foundation
import NIOHTTP1
import Testing
import Vapor
import VaporTesting

@testable import Web

/// A cookie-keeping client over the in-process app, posting forms the way a browser does.
struct Browser {
    let app: Application
    var cookies: [String: String] = [:]
    var lastBody = ""
    /// The CSRF token of the most recent page that had one (redirects have no body).
    var csrfToken: String?
    var lang: String?

    init(_ app: Application) { self.app = app }

    struct Page {
        var status: HTTPStatus
        var body: String
        var headers: HTTPHeaders
        /// The body as sent (exports are zip files: ODS, ODT, the archive).
        var bytes: [UInt8] = []
        var location: String? { headers.first(name: .location) }
    }

    mutating func request(_ method: HTTPMethod, _ path: String, form: [String: String]? = nil, headers extra: HTTPHeaders = [:]) async throws -> Page {
        var page: Page?
        let cookieHeader = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        try await app.testing().test(method, path, headers: extra, beforeRequest: { req in
            if !cookieHeader.isEmpty { req.headers.replaceOrAdd(name: .cookie, value: cookieHeader) }
            if let form {
                let body = form.map { "\($0.key.formEscaped)=\($0.value.formEscaped)" }.joined(separator: "&")
                req.headers.contentType = .urlEncodedForm
                req.body = ByteBuffer(string: body)
            }
        }, afterResponse: { res in
            page = Page(status: res.status, body: res.body.string, headers: res.headers, bytes: Array(res.body.readableBytesView))
        })
        let result = page!
        for header in result.headers[.setCookie] {
            let pair = header.split(separator: ";")[0]
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = String(parts[0])
            if header.contains("Max-Age=0") || header.lowercased().contains("expires=thu, 01 jan 1970") {
                cookies[name] = nil
            } else {
                cookies[name] = String(parts[1])
            }
        }
        lastBody = result.body
        if let token = Self.csrf(in: result.body) { csrfToken = token }
        return result
    }

    mutating func get(_ path: String) async throws -> Page { try await request(.GET, path) }

    /// Posts a form with the CSRF token of the last page seen.
    mutating func post(_ path: String, _ form: [String: String] = [:], csrf: Bool = true) async throws -> Page {
        var form = form
        if csrf, form["_csrf"] == nil { form["_csrf"] = csrfToken }
        return try await request(.POST, path, form: form)
    }

    /// Posts files as multipart/form-data (the CSRF token first, as the browser sends the form).
    mutating func upload(_ path: String, files: [(field: String, name: String, bytes: [UInt8])], csrf: String? = nil) async throws -> Page {
        let boundary = "----hfboundary\(UUID().uuidString.prefix(8))"
        var body = [UInt8]()
        func add(_ s: String) { body += Array(s.utf8) }
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf ?? csrfToken ?? "")\r\n")
        for f in files {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(f.field)\"; filename=\"\(f.name)\"\r\nContent-Type: text/csv\r\n\r\n")
            body += f.bytes
            add("\r\n")
        }
        add("--\(boundary)--\r\n")
        var page: Page?
        let cookieHeader = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        try await app.testing().test(.POST, path, beforeRequest: { req in
            if !cookieHeader.isEmpty { req.headers.replaceOrAdd(name: .cookie, value: cookieHeader) }
            req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            req.body = ByteBuffer(bytes: body)
        }, afterResponse: { res in
            page = Page(status: res.status, body: res.body.string, headers: res.headers)
        })
        lastBody = page!.body
        if let token = Self.csrf(in: page!.body) { csrfToken = token }
        return page!
    }

    static func csrf(in html: String) -> String? {
        guard let r = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[r.upperBound...]
        return String(rest[..<rest.firstIndex(of: "\"")!])
    }

    /// Logs in and returns the dashboard page.
    mutating func login(_ email: String, password: String = World.password) async throws -> Page {
        _ = try await get("/log-ind")
        let res = try await post("/log-ind", ["email": email, "password": password])
        #expect(res.status == .seeOther, "login of \(email) failed: \(res.status)")
        return try await get("/oversigt")
    }
}

extension String {
    var formEscaped: String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return addingPercentEncoding(withAllowedCharacters: allowed) ?? self
    }
}
