/// A versioned program structure chosen per vigencia. These are the shipped defaults; a program
/// keeps the name of the template it was built from, so a later edit never changes it.
public struct ProgramTemplate: Codable, Sendable, Equatable {
    public struct Component: Codable, Sendable, Equatable {
        public var numero: Int
        public var nombre: String
        public var subcomponentes: [String]

        public init(numero: Int, nombre: String, subcomponentes: [String]) {
            self.numero = numero; self.nombre = nombre; self.subcomponentes = subcomponentes
        }
    }

    public init(name: String, titulo: String, componentes: [Component], periodicidad: String) {
        self.name = name; self.titulo = titulo; self.componentes = componentes; self.periodicidad = periodicidad
    }

    public var name: String
    public var titulo: String
    public var componentes: [Component]
    /// "cuatrimestral" or "semestral".
    public var periodicidad: String

    /// Estrategias para la construcción del PAAC – Versión 2 (Decreto 124 de 2016).
    public static let paacV2 = ProgramTemplate(
        name: "PAAC – Guía V2", titulo: "SEGUIMIENTO PLAN ANTICORRUPCIÓN Y DE ATENCIÓN AL CIUDADANO",
        componentes: [
            .init(numero: 1, nombre: "Gestión del Riesgo de Corrupción – Mapa de Riesgos de Corrupción",
                  subcomponentes: ["Política de Administración de Riesgos", "Construcción del Mapa de Riesgos de Corrupción",
                                   "Consulta y divulgación", "Monitoreo y revisión", "Seguimiento"]),
            .init(numero: 2, nombre: "Racionalización de Trámites", subcomponentes: []),
            .init(numero: 3, nombre: "Rendición de Cuentas",
                  subcomponentes: ["Información de calidad y en lenguaje comprensible", "Diálogo de doble vía con la ciudadanía y sus organizaciones",
                                   "Incentivos para motivar la cultura de la rendición y petición de cuentas",
                                   "Evaluación y retroalimentación a la gestión institucional"]),
            .init(numero: 4, nombre: "Mecanismos para Mejorar la Atención al Ciudadano",
                  subcomponentes: ["Estructura administrativa y direccionamiento estratégico", "Fortalecimiento de los canales de atención",
                                   "Talento humano", "Normativo y procedimental", "Relacionamiento con el ciudadano"]),
            .init(numero: 5, nombre: "Mecanismos para la Transparencia y Acceso a la Información",
                  subcomponentes: ["Lineamientos de Transparencia Activa", "Lineamientos de Transparencia Pasiva",
                                   "Elaboración de los Instrumentos de Gestión de la Información", "Criterio diferencial de accesibilidad",
                                   "Monitoreo del Acceso a la Información Pública"]),
            .init(numero: 6, nombre: "Iniciativas Adicionales", subcomponentes: []),
        ], periodicidad: "cuatrimestral")

    /// Programa de Transparencia y Ética Pública (Ley 2195 de 2022, Decreto 1122 de 2024).
    public static let ptep = ProgramTemplate(
        name: "PTEP – Decreto 1122 de 2024", titulo: "SEGUIMIENTO PROGRAMA DE TRANSPARENCIA Y ÉTICA PÚBLICA",
        componentes: [
            .init(numero: 1, nombre: "Gestión de riesgos para la integridad pública", subcomponentes: []),
            .init(numero: 2, nombre: "Redes y articulación", subcomponentes: []),
            .init(numero: 3, nombre: "Estado abierto: transparencia, acceso a la información, participación y rendición de cuentas",
                  subcomponentes: ["Transparencia y acceso a la información", "Participación ciudadana", "Rendición de cuentas"]),
            .init(numero: 4, nombre: "Iniciativas adicionales", subcomponentes: []),
        ], periodicidad: "cuatrimestral")
}

extension ProgramTemplate {
    /// The structure as the administrator edits it: “1. Componente” lines, each followed by
    /// “- Subcomponente” lines.
    public var outline: String {
        componentes.map { c in (["\(c.numero). \(c.nombre)"] + c.subcomponentes.map { "- \($0)" }).joined(separator: "\n") }
            .joined(separator: "\n")
    }

    /// Reads an outline back; the error names the line. Lines end at LF, CR or CRLF (a browser
    /// sends a textarea with CRLF, which Swift reads as one Character, not equal to "\n").
    public static func components(fromOutline text: String) throws -> [Component] {
        var out: [Component] = []
        if let bad = text.firstIndex(where: \.isOverlong) {
            let line = text[..<bad].reduce(1) { $1 == "\n" || $1 == "\r\n" || $1 == "\r" ? $0 + 1 : $0 }
            throw TemplateOutlineError(line: line, message: "un carácter lleva más de 30 acentos o marcas seguidas; no es texto legible.")
        }
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for (i, raw) in lines.enumerated() {
            let line = String(raw).trimmed
            if line.isEmpty { continue }
            if line.hasPrefix("-") {
                guard !out.isEmpty else { throw TemplateOutlineError(line: i + 1, message: "un subcomponente antes del primer componente.") }
                let name = String(line.dropFirst()).trimmed
                guard !name.isEmpty else { throw TemplateOutlineError(line: i + 1, message: "subcomponente sin nombre.") }
                out[out.count - 1].subcomponentes.append(name)
                continue
            }
            let parts = line.split(separator: ".", maxSplits: 1)
            guard parts.count == 2, let n = Int(String(parts[0]).trimmed), !String(parts[1]).trimmed.isEmpty else {
                throw TemplateOutlineError(line: i + 1, message: "escriba «N. Nombre del componente» o «- Subcomponente».")
            }
            guard !out.contains(where: { $0.numero == n }) else {
                throw TemplateOutlineError(line: i + 1, message: "el componente \(n) está repetido.")
            }
            out.append(Component(numero: n, nombre: String(parts[1]).trimmed, subcomponentes: []))
        }
        guard !out.isEmpty else { throw TemplateOutlineError(line: 1, message: "la plantilla no tiene componentes.") }
        return out
    }
}

public struct TemplateOutlineError: Error, CustomStringConvertible, Equatable {
    public let line: Int
    public let message: String
    public var description: String { "Línea \(line): \(message)" }
}
