import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A small SMTP client (RFC 5321) for reminder mail: plain or STARTTLS, AUTH PLAIN only after TLS,
/// one message per connection. Bodies are UTF-8 text sent base64-encoded, so no dot-stuffing is needed.
struct SMTPClient: Sendable {
    struct Message: Sendable, Equatable {
        var to: [String]
        var subject: String
        var body: String
    }

    enum Failure: Error, CustomStringConvertible {
        case unexpectedReply(command: String, code: Int, text: String)
        case connectionClosed
        case timeout

        var description: String {
            switch self {
            case .unexpectedReply(let command, let code, let text): "SMTP \(command) answered \(code) \(text)"
            case .connectionClosed: "SMTP connection closed"
            case .timeout: "SMTP server did not answer in time"
            }
        }
    }

    let settings: AppConfig.SMTPSettings
    let group: any EventLoopGroup
    var hostname = "handlefrihed.local"

    func send(_ message: Message, date: Date) async throws {
        let replies = ReplyHandler()
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(replies) }
            }
            .connect(host: settings.host, port: settings.port).get()
        do {
            try await conversation(channel, replies, message, date: date)
            channel.close(promise: nil)
        } catch {
            channel.close(promise: nil)
            throw error
        }
    }

    private func conversation(_ channel: any Channel, _ replies: ReplyHandler, _ message: Message, date: Date) async throws {
        func reply(for command: String) async throws -> (Int, String) {
            let future = channel.eventLoop.flatSubmit { replies.next(on: channel.eventLoop) }
            return try await withThrowingTaskGroup(of: (Int, String).self) { group in
                group.addTask { try await future.get() }
                group.addTask {
                    try await Task.sleep(for: .seconds(30))
                    throw Failure.timeout
                }
                let first = try await group.next()!
                group.cancelAll()
                return first
            }
        }
        func expect(_ command: String, _ codes: Set<Int>, send line: String? = nil) async throws {
            if let line {
                try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n")).get()
            }
            let (code, text) = try await reply(for: command)
            guard codes.contains(code) else { throw Failure.unexpectedReply(command: command, code: code, text: text) }
        }
        try await expect("greeting", [220])
        try await expect("EHLO", [250], send: "EHLO \(hostname)")
        if settings.security == .starttls {
            try await expect("STARTTLS", [220], send: "STARTTLS")
            let context = try NIOSSLContext(configuration: .makeClientConfiguration())
            let host = settings.host
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: host), position: .first)
            }.get()
            try await expect("EHLO", [250], send: "EHLO \(hostname)")
            if let user = settings.username {
                let token = Data(("\0" + user + "\0" + (settings.password ?? "")).utf8).base64EncodedString()
                try await expect("AUTH", [235], send: "AUTH PLAIN \(token)")
            }
        }
        try await expect("MAIL FROM", [250], send: "MAIL FROM:<\(settings.from)>")
        for recipient in message.to {
            try await expect("RCPT TO", [250, 251], send: "RCPT TO:<\(recipient)>")
        }
        try await expect("DATA", [354], send: "DATA")
        try await expect("message", [250], send: Self.format(message, from: settings.from, date: date, hostname: hostname) + "\r\n.")
        try? await expect("QUIT", [221], send: "QUIT")
    }

    /// The message in RFC 5322 form (without the terminating dot).
    static func format(_ message: Message, from: String, date: Date, hostname: String) -> String {
        var lines = [
            "From: Handlefrihed <\(from)>",
            "To: " + message.to.map { "<\($0)>" }.joined(separator: ", "),
            "Subject: " + encodedWord(message.subject),
            "Date: " + rfc5322(date),
            "Message-ID: <\(UUID().uuidString.lowercased())@\(hostname)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "Auto-Submitted: auto-generated",
            "",
        ]
        let encoded = Data(message.body.utf8).base64EncodedString()
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines.joined(separator: "\r\n")
    }

    /// RFC 2047 encoded word for non-ASCII header text.
    static func encodedWord(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.unicodeScalars.allSatisfy({ $0.isASCII }) { return clean }
        return "=?UTF-8?B?\(Data(clean.utf8).base64EncodedString())?="
    }

    static func rfc5322(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: date)
    }

    /// Collects reply lines into replies ("250-…" continues, "250 …" ends) and hands them out in order.
    final class ReplyHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer

        private var partial = ""
        private var text: [String] = []
        private var ready: [(Int, String)] = []
        private var waiting: [EventLoopPromise<(Int, String)>] = []
        private var closed = false

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            partial += buffer.readString(length: buffer.readableBytes) ?? ""
            while let range = partial.range(of: "\r\n") ?? partial.range(of: "\n") {
                let line = String(partial[partial.startIndex..<range.lowerBound])
                partial.removeSubrange(partial.startIndex..<range.upperBound)
                text.append(line.count > 4 ? String(line.dropFirst(4)) : "")
                let chars = Array(line)
                if chars.count >= 3, let code = Int(String(chars[0..<3])), chars.count == 3 || chars[3] == " " {
                    deliver((code, text.joined(separator: " ")))
                    text = []
                }
            }
        }

        private func deliver(_ reply: (Int, String)) {
            if waiting.isEmpty { ready.append(reply) } else { waiting.removeFirst().succeed(reply) }
        }

        func next(on loop: any EventLoop) -> EventLoopFuture<(Int, String)> {
            if !ready.isEmpty { return loop.makeSucceededFuture(ready.removeFirst()) }
            if closed { return loop.makeFailedFuture(Failure.connectionClosed) }
            let promise = loop.makePromise(of: (Int, String).self)
            waiting.append(promise)
            return promise.futureResult
        }

        func channelInactive(context: ChannelHandlerContext) {
            closed = true
            for p in waiting { p.fail(Failure.connectionClosed) }
            waiting = []
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            for p in waiting { p.fail(error) }
            waiting = []
            context.close(promise: nil)
        }
    }
}
