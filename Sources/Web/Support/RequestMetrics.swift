import Foundation
import FluentKit
import Fluent
import Persistence
import Community
import Prometheus
import Vapor

/// Request counts and latency histograms per route pattern (never per concrete path, which
/// would leak ids into labels and grow without bound), exposed at `/metrics`.
struct RequestMetricsMiddleware: AsyncMiddleware {
    let registry: PrometheusCollectorRegistry

    static var requests: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "handlefrihed", metricName: "http_requests", unitName: "total", helpText: "HTTP requests by route and status") }
    static var duration: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "handlefrihed", metricName: "http_request_duration", unitName: "seconds",
        helpText: "HTTP request latency by route") }
    static let buckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        var status: HTTPResponseStatus = .internalServerError
        defer {
            let route = req.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
            let method = req.method.rawValue
            registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", String(status.code))])
                .increment()
            registry.makeDurationHistogram(descriptor: Self.duration, labels: [("method", method), ("route", route)], buckets: Self.buckets)
                .record(ContinuousClock.now - start)
        }
        do {
            let response = try await next.respond(to: req)
            status = response.status
            return response
        } catch {
            status = (error as? any AbortError)?.status ?? .internalServerError
            throw error
        }
    }
}

extension Application {
    private struct RegistryKey: StorageKey { typealias Value = PrometheusCollectorRegistry }

    var metricsRegistry: PrometheusCollectorRegistry {
        if let r = storage[RegistryKey.self] { return r }
        let r = PrometheusCollectorRegistry()
        storage[RegistryKey.self] = r
        return r
    }
}
