/// The methodologies Vigía ships. Their numbers and how well each is confirmed are in
/// `docs/mapa-de-riesgos-metodologias.md`; an entity edits a copy where its política says otherwise.
extension RiskMethodology {
    public static let builtIn: [RiskMethodology] = [guia2015, funcionPublicaV5, funcionPublicaV6]

    /// The impacto questionnaire of a corruption risk: each question completes "Si el riesgo de
    /// corrupción se materializa podría…".
    public static let corruptionQuestions = [
        "¿Afectar al grupo de funcionarios del proceso?",
        "¿Afectar el cumplimiento de metas y objetivos de la dependencia?",
        "¿Afectar el cumplimiento de misión de la entidad?",
        "¿Afectar el cumplimiento de la misión del sector al que pertenece la entidad?",
        "¿Generar pérdida de confianza de la entidad, afectando su reputación?",
        "¿Generar pérdida de recursos económicos?",
        "¿Afectar la generación de los productos o la prestación de servicios?",
        "¿Dar lugar al detrimento de calidad de vida de la comunidad por la pérdida del bien, servicios o recursos públicos?",
        "¿Generar pérdida de información de la entidad?",
        "¿Generar intervención de los órganos de control, de la Fiscalía u otro ente?",
        "¿Dar lugar a procesos sancionatorios?",
        "¿Dar lugar a procesos disciplinarios?",
        "¿Dar lugar a procesos fiscales?",
        "¿Dar lugar a procesos penales?",
        "¿Generar pérdida de credibilidad del sector?",
        "¿Ocasionar lesiones físicas o pérdida de vidas humanas?",
        "¿Afectar la imagen regional?",
        "¿Afectar la imagen nacional?",
        "¿Generar daño ambiental?",
    ]

    static let green = "#00B050", yellow = "#FFFF00", orange = "#FFC000", red = "#FF0000"

    /// Guía para la Gestión del Riesgo de Corrupción 2015 (Secretaría de Transparencia; Decreto 124 de 2016).
    /// Score = probabilidad × impacto, printed "3 10 30 ALTA".
    public static let guia2015 = RiskMethodology(
        nombre: "Guía para la Gestión del Riesgo de Corrupción 2015", version: 1,
        fuente: "Secretaría de Transparencia, Guía para la Gestión del Riesgo de Corrupción (2015), adoptada por el Decreto 124 de 2016",
        estilo: .producto,
        probabilidades: [
            .init("Rara vez", 1, "Excepcional: no se ha presentado en los últimos 5 años"),
            .init("Improbable", 2, "Improbable: al menos una vez en los últimos 5 años"),
            .init("Posible", 3, "Posible: al menos una vez en los últimos 2 años"),
            .init("Probable", 4, "Probable: al menos una vez en el último año"),
            .init("Casi seguro", 5, "Se espera que ocurra: más de una vez al año"),
        ],
        impactos: [.init("Moderado", 5, "1 a 5 respuestas afirmativas"), .init("Mayor", 10, "6 a 11 respuestas afirmativas"),
                   .init("Catastrófico", 20, "12 a 19 respuestas afirmativas")],
        impactoMinimo: 0,
        zonas: [.init("Baja", green), .init("Moderada", yellow), .init("Alta", orange), .init("Extrema", red)],
        matriz: [[0, 0, 1], [0, 1, 2], [1, 2, 3], [2, 3, 3], [2, 3, 3]],
        preguntas: corruptionQuestions, umbralesImpacto: [0, 6, 12],
        controles: .levels([.init(desde: 76, niveles: 2), .init(desde: 51, niveles: 1)]),
        zonaConAcciones: 2)

    /// Función Pública, Guía para la administración del riesgo y el diseño de controles en entidades
    /// públicas, versión 5 (2020): a 5 × 5 heat map of percentages; controls valued by attributes.
    public static let funcionPublicaV5 = funcionPublica(version: 5, year: 2020)

    /// The same guide, versión 6 (2022), which keeps v5's scales, heat map and control weights.
    public static let funcionPublicaV6 = funcionPublica(version: 6, year: 2022)

    static func funcionPublica(version: Int, year: Int) -> RiskMethodology {
        RiskMethodology(
            nombre: "Función Pública v\(version) (\(year))", version: 1,
            fuente: "Función Pública, Guía para la administración del riesgo y el diseño de controles en entidades públicas, versión \(version) (\(year))",
            estilo: .porcentaje,
            probabilidades: [
                .init("Muy baja", 20, "La actividad se ejecuta como máximo 2 veces por año"),
                .init("Baja", 40, "De 3 a 24 veces por año"),
                .init("Media", 60, "De 25 a 500 veces por año"),
                .init("Alta", 80, "De 501 a 5.000 veces por año"),
                .init("Muy alta", 100, "Más de 5.000 veces por año"),
            ],
            impactos: [.init("Leve", 20), .init("Menor", 40), .init("Moderado", 60, "1 a 5 respuestas afirmativas"),
                       .init("Mayor", 80, "6 a 11 respuestas afirmativas"), .init("Catastrófico", 100, "12 a 19 respuestas afirmativas")],
            impactoMinimo: 2,
            zonas: [.init("Bajo", green), .init("Moderado", yellow), .init("Alto", orange), .init("Extremo", red)],
            matriz: [[0, 0, 1, 2, 3], [0, 1, 1, 2, 3], [1, 1, 1, 2, 3], [1, 1, 2, 2, 3], [2, 2, 2, 2, 3]],
            preguntas: corruptionQuestions, umbralesImpacto: [0, 6, 12],
            controles: .attributes(tipo: [Control.Tipo.preventivo.rawValue: 25, Control.Tipo.detectivo.rawValue: 15,
                                          Control.Tipo.correctivo.rawValue: 10],
                                   implementacion: [Control.Implementacion.automatica.rawValue: 25,
                                                    Control.Implementacion.manual.rawValue: 15]),
            zonaConAcciones: 2)
    }
}
