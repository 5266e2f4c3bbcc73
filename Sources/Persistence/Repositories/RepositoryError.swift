/// Failures a person can act on. The web layer maps them to status codes and messages.
public enum RepositoryError: Error, Equatable, Sendable {
    /// Not found *in the caller's scope*: another municipality's rows are reported the same way,
    /// so an id reveals nothing.
    case notFound
    case duplicate(String)
    case invalid(field: String, message: String)
}
