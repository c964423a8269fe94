"""Writes the project's own sample corruption risk map (Alcaldía de San Isidro del Valle, vigencia 2026,
Guía 2015 numeric style) and its OCI seguimientos of the first two cuatrimestres into the folder given:
    python3 scripts/make_risk_map_samples.py Samples
The files are committed; run this only to change them (tests check their figures by hand)."""
import sys
H = ["No.","PROCESO","OBJETIVO","CAUSAS","RIESGO","CONSECUENCIAS","RIESGO INHERENTE","CONTROLES","TIPO DE CONTROL","EVIDENCIA DEL CONTROL","RIESGO RESIDUAL","OPCIÓN DE MANEJO","ACCIONES","RESPONSABLE","FECHA INICIO","FECHA FIN","INDICADOR"]
R = [
 ["1","Gestión contractual","Adquirir bienes y servicios con transparencia y selección objetiva","Estudios previos elaborados por una sola persona; presiones externas de proponentes",
  "Posibilidad de direccionar los estudios previos y los pliegos de condiciones para favorecer a un oferente determinado, a cambio de un beneficio privado",
  "Detrimento patrimonial; procesos disciplinarios, fiscales y penales; pérdida de confianza","4 20 80 EXTREMA",
  "Revisión de los estudios previos por el comité de contratación antes de su publicación","Preventivo","Actas del comité de contratación","2 20 40 ALTA","Reducir",
  "Capacitar al comité de contratación en el uso de los pliegos tipo","Secretaría Jurídica","02/02/2026","30/06/2026","Capacitaciones realizadas / capacitaciones programadas"],
 ["","","","","","","","Publicación de los pliegos en el SECOP II con plazo para observaciones","Preventivo","Constancias de publicación en el SECOP II","","",
  "Verificar en cada proceso de obra el uso del pliego tipo de Colombia Compra Eficiente","Oficina de Contratación","02/02/2026","31/12/2026","Procesos con pliego tipo / procesos de obra"],
 ["2","Gestión de hacienda","Liquidar y recaudar los tributos municipales","Permisos amplios para modificar liquidaciones en el sistema tributario",
  "Posibilidad de alterar la liquidación del impuesto predial para reducir el valor a pagar, a cambio de dádivas",
  "Menor recaudo; procesos fiscales y disciplinarios","3 10 30 ALTA",
  "Conciliación mensual entre la liquidación del sistema y los recaudos","Detectivo","Conciliaciones firmadas por el tesorero","2 10 20 MODERADA","Reducir",
  "Restringir por perfiles la modificación de liquidaciones en el sistema tributario","Secretaría de Hacienda","02/03/2026","31/07/2026","Perfiles revisados / perfiles con permiso de modificación"],
 ["3","Gestión del talento humano","Vincular personal idóneo","Urgencia en la provisión de cargos; verificación de requisitos sin segunda revisión",
  "Posibilidad de vincular personal sin el cumplimiento de los requisitos del cargo para favorecer a un tercero",
  "Servicio prestado por personal no idóneo; procesos disciplinarios","3 10 30 ALTA",
  "Verificación de requisitos con lista de chequeo firmada por dos funcionarios","Preventivo","Listas de chequeo firmadas","2 10 20 MODERADA","Reducir",
  "Publicar en la página web las hojas de vida de los aspirantes a cargos de libre nombramiento y remoción","Secretaría General","02/02/2026","31/12/2026","Hojas de vida publicadas / nombramientos realizados"],
 ["4","Atención al ciudadano","Atender los trámites y servicios con oportunidad","Desconocimiento de la gratuidad de los trámites por parte de los usuarios",
  "Posibilidad de cobrar por la realización de un trámite gratuito para beneficio particular",
  "Pérdida de confianza en la entidad; quejas y denuncias","2 10 20 MODERADA",
  "Encuesta de satisfacción en ventanilla que pregunta por cobros indebidos","Detectivo","Resultados mensuales de la encuesta","1 10 10 BAJA","Evitar",
  "Señalizar en las ventanillas y en la página web la gratuidad de los trámites","Secretaría General","02/02/2026","30/04/2026","Puntos de atención señalizados / puntos de atención"],
 ["5","Control disciplinario","Adelantar los procesos disciplinarios con debido proceso","Expedientes en papel sin registro de préstamo",
  "Posibilidad de ocultar o destruir documentos de un expediente disciplinario para favorecer a un investigado",
  "Impunidad; procesos penales","2 20 40 ALTA",
  "Registro de préstamo de expedientes con firma de quien lo recibe","Preventivo","Libro de préstamo de expedientes","1 20 20 MODERADA","Reducir",
  "Digitalizar los expedientes disciplinarios activos","Oficina de Control Disciplinario","02/03/2026","30/11/2026","Expedientes digitalizados / expedientes activos"],
 ["6","Gestión de recursos físicos","Administrar los bienes muebles de la entidad","Ausencia de control de recorridos y consumo de combustible",
  "Posibilidad de usar los vehículos y el combustible de la entidad para beneficio particular",
  "Detrimento patrimonial; procesos fiscales","3 5 15 MODERADA",
  "Planilla de recorridos revisada semanalmente por el almacenista","Detectivo","Planillas de recorridos revisadas","2 5 10 BAJA","Reducir",
  "Instalar GPS en los vehículos de la entidad y cruzar sus recorridos con las planillas","Secretaría General","01/04/2026","31/10/2026","Vehículos con GPS / vehículos de la entidad"],
]
def out(rows, extra_head=None, extra=None, title_extra=None):
    lines = ["ALCALDÍA DE SAN ISIDRO DEL VALLE", "MAPA DE RIESGOS DE CORRUPCIÓN – VIGENCIA 2026",
             "Metodología: Guía para la Gestión del Riesgo de Corrupción 2015 (Decreto 124 de 2016)"]
    if title_extra: lines.append(title_extra)
    lines.append("")
    lines.append("\t".join(H + (extra_head or [])))
    for k, r in enumerate(rows):
        lines.append("\t".join(r + ((extra[k]) if extra else [])))
    lines += ["", "Elaboró: Oficina Asesora de Planeación\tAprobó: Comité Institucional de Coordinación de Control Interno"]
    return "\r\n".join(lines) + "\r\n"
open(sys.argv[1] + "/mapa-riesgos-corrupcion-demo-2026.tsv", "w").write(out(R))
# seguimientos: one grade per action row (rows with an action), materialización per risk row
c1 = [["50","Se capacitó al comité el 15/04/2026 (acta 03).","No"],["30","Tres de diez procesos de obra usaron el pliego tipo.",""],
      ["40","Perfiles revisados en la Secretaría de Hacienda; falta la Tesorería.","No"],["25","Se publicaron 2 de 8 hojas de vida.","No"],
      ["100","Ventanillas y página web señalizadas (registro fotográfico).","No"],["20","Digitalizados 12 de 60 expedientes.","No"],["0","La compra de los GPS está en estudio de mercado.","No"]]
c2 = [["100","Capacitación completa: 2 de 2 sesiones (actas 03 y 07).","No"],["60","Seis de diez procesos de obra con pliego tipo.",""],
      ["100","Perfiles restringidos en Hacienda y Tesorería (informe de TI).","No"],["50","Se publicaron 5 de 10 hojas de vida. Se materializó: un nombramiento sin el título exigido, trasladado a Control Disciplinario el 12/08/2026.","Sí"],
      ["100","Señalización verificada en visita del 20/08/2026.","No"],["45","Digitalizados 27 de 60 expedientes.","No"],["30","GPS instalados en 3 de 10 vehículos.","No"]]
xh = ["% AVANCE","OBSERVACIONES OCI","¿SE MATERIALIZÓ?"]
open(sys.argv[1] + "/seguimiento-mapa-riesgos-demo-2026-c1.tsv", "w").write(out(R, xh, c1, "SEGUIMIENTO PRIMER CUATRIMESTRE 2026 – Oficina de Control Interno"))
open(sys.argv[1] + "/seguimiento-mapa-riesgos-demo-2026-c2.tsv", "w").write(out(R, xh, c2, "SEGUIMIENTO SEGUNDO CUATRIMESTRE 2026 – Oficina de Control Interno"))
