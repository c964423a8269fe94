import Plot
import Vapor

/// Errors as a Spanish HTML page for people and as JSON for the API.
struct HTMLErrorMiddleware: AsyncMiddleware {
    /// The API's error: `reason` in Spanish; `campos` (field → message) when the input was refused.
    struct ErrorBody: Content { var error: Bool; var reason: String; var campos: [String: String]? }

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            let status: HTTPStatus
            let reason: String
            switch error {
            case let abort as AbortError:
                status = abort.status
                reason = abort.status == .notFound && abort.reason == "Not Found"
                    ? "La página solicitada no existe." : Self.spanish(abort.reason, status)
            case let failure as ValidationFailure:
                status = .unprocessableEntity
                reason = failure.description
            case let decoding as DecodingError:
                status = .badRequest
                reason = Self.spanish(decoding)
            default:
                req.logger.report(error: error)
                status = .internalServerError
                reason = "Ocurrió un error interno. Se registró para su revisión."
            }
            if req.url.path.hasPrefix("/api/") {
                let res = Response(status: status)
                try res.content.encode(ErrorBody(error: true, reason: reason, campos: (error as? InvalidInput)?.problems))
                return res
            }
            let ctx = PageContext(req, title: "Error \(status.code)")
            return Layout.render(ctx, status: status) {
                Node<HTML.BodyContext>.h1(.text(Self.title(status)))
                Node<HTML.BodyContext>.p(.class("errors"), .attribute(named: "role", value: "alert"), .text(reason))
                Node<HTML.BodyContext>.p(.a(.href(SiteURL.home.path), .text("Volver al inicio")))
            }
        }
    }

    static func title(_ status: HTTPStatus) -> String {
        switch status {
        case .notFound: "No encontrado"
        case .forbidden: "Acción no permitida"
        case .unauthorized: "Debe iniciar sesión"
        case .unprocessableEntity, .badRequest: "Datos no válidos"
        default: "Error"
        }
    }

    /// Vapor's own reasons are in English; say them in Spanish.
    static func spanish(_ reason: String, _ status: HTTPStatus) -> String {
        switch reason {
        case "Payload Too Large": "El archivo o formulario enviado es demasiado grande."
        case "Not Found": "La página solicitada no existe."
        case "Internal Server Error": "Ocurrió un error interno. Se registró para su revisión."
        case "Conflict": "La acción no es posible en el estado actual."
        case "Too Many Requests": "Demasiadas solicitudes; espere un momento."
        case "Forbidden": "No tiene permiso para esta acción."
        case "Unauthorized": "Debe iniciar sesión."
        case "Bad Request": "La solicitud no es válida."
        case "Unsupported Media Type": "El tipo de contenido enviado no es compatible."
        default: reason
        }
    }

    /// Names the field that is missing or malformed, without Swift's internal description.
    static func spanish(_ error: DecodingError) -> String {
        let path: [CodingKey]
        switch error {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        @unknown default: path = []
        }
        let field = path.map { $0.intValue.map { "[\($0 + 1)]" } ?? $0.stringValue }.joined(separator: ".")
        return field.isEmpty ? "La solicitud no trae los datos esperados (el cuerpo no se pudo leer)."
                             : "La solicitud no trae los datos esperados: el campo «\(String(field.prefix(120)))» falta o no tiene un valor válido."
    }
}
