import Community
import Fluent
import Foundation
import Licensing
import MultipartKit
import NIOCore
import Persistence
import Vapor

/// Receives a set of usage report files as a streamed multipart upload: each file goes straight to
/// a private temporary folder (memory stays small whatever the size), the CSRF token is checked
/// from the form's first field, and the total is capped by `HANDLEFRIHED_MAX_UPLOAD_MB`.
enum LicenceUpload {
    /// Upload folders a killed process left behind (a finished or refused upload removes its own).
    /// Only those older than a day: another instance on the same host may be receiving one now.
    static func removeStaleUploads(olderThan age: TimeInterval = 86_400, now: Date = Date()) {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory
        guard let names = try? fm.contentsOfDirectory(atPath: tmp.path) else { return }
        for name in names where name.hasPrefix("hf-upload-") {
            let url = tmp.appendingPathComponent(name)
            if let modified = (try? fm.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date, now.timeIntervalSince(modified) > age {
                try? fm.removeItem(at: url)
            }
        }
    }

    struct Received {
        var directory: URL
        var reports: [(name: String, path: String)]
        var people: String?
        var csrf: String
    }

    enum Failure: Error {
        case notMultipart
        case tooLarge(Int)
        case noFiles
        case csrf
    }

    /// Receives the files; stops at once (before any file is written) when the form's first field,
    /// the CSRF token, does not match `expectedCSRF`.
    static func receive(_ req: Request, expectedCSRF: String?) async throws -> Received {
        guard let type = req.headers.contentType, type.type == "multipart", let boundary = type.parameters["boundary"] else {
            throw Failure.notMultipart
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hf-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let state = UploadState(directory: directory, limit: req.application.config.maxUploadBytes, expectedCSRF: expectedCSRF)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in state.header(name, value) }
        parser.onBody = { buffer in state.body(&buffer) }
        parser.onPartComplete = { state.complete() }
        do {
            for try await chunk in req.body {
                try parser.execute(chunk)
                if let failure = state.failure { throw failure }
            }
        } catch {
            state.closeFile()
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        state.closeFile()
        guard !state.reports.isEmpty else {
            try? FileManager.default.removeItem(at: directory)
            throw Failure.noFiles
        }
        return Received(directory: directory, reports: state.reports, people: state.people, csrf: state.csrf)
    }

    /// The parser's callbacks run one after another on this request's task.
    final class UploadState: @unchecked Sendable {
        let directory: URL
        let limit: Int
        var total = 0
        var failure: (any Error)?
        var partName = ""
        var fileName: String?
        var handle: FileHandle?
        var currentPath: String?
        var field = ""
        var reports: [(name: String, path: String)] = []
        var people: String?
        var csrf = ""
        var count = 0
        let expectedCSRF: String?

        init(directory: URL, limit: Int, expectedCSRF: String?) {
            self.directory = directory
            self.limit = limit
            self.expectedCSRF = expectedCSRF
        }

        func header(_ name: String, _ value: String) {
            guard name.lowercased() == "content-disposition" else { return }
            partName = Self.parameter("name", in: value) ?? ""
            fileName = Self.parameter("filename", in: value)
        }

        static func parameter(_ key: String, in value: String) -> String? {
            for part in value.split(separator: ";") {
                let kv = part.trimmingCharacters(in: .whitespaces)
                guard kv.lowercased().hasPrefix(key + "=") else { continue }
                var v = String(kv.dropFirst(key.count + 1))
                if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
                return v
            }
            return nil
        }

        func body(_ buffer: inout ByteBuffer) {
            guard failure == nil else { return }
            total += buffer.readableBytes
            if total > limit {
                failure = Failure.tooLarge(limit)
                return
            }
            if let fileName {
                // No file byte is written before a matching token has been seen.
                guard let expected = expectedCSRF, CSRFMiddleware.constantTimeEquals(csrf, expected) else {
                    failure = Failure.csrf
                    return
                }
                if fileName.isEmpty { return }  // an empty file input
                if handle == nil {
                    count += 1
                    let path = directory.appendingPathComponent("\(count).csv").path
                    FileManager.default.createFile(atPath: path, contents: nil)
                    handle = FileHandle(forWritingAtPath: path)
                    currentPath = path
                }
                if let bytes = buffer.readBytes(length: buffer.readableBytes) { handle?.write(Data(bytes)) }
            } else if field.utf8.count < 4096 {
                field += buffer.readString(length: buffer.readableBytes) ?? ""
            }
        }

        func complete() {
            if let path = currentPath, let name = fileName {
                closeFile()
                let clean = (name as NSString).lastPathComponent
                if partName == "people" { people = path } else { reports.append((clean.isEmpty ? "upload.csv" : clean, path)) }
            } else if partName == CSRFMiddleware.field {
                csrf = field
            }
            currentPath = nil
            fileName = nil
            field = ""
            partName = ""
        }

        func closeFile() {
            try? handle?.close()
            handle = nil
        }
    }
}
