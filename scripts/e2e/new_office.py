#!/usr/bin/env python3
"""A new office adopts Vigía, in a real browser (headless Chromium driven by Selenium).

The superadministrador creates the entity and its administrador; the administrador, invited by
e-mail (a real SMTP exchange with a local aiosmtpd), creates the password, sets the entity's
header and semáforo, creates a dependencia and a responsable; the responsable accepts the
invitation, signs in, changes the password, forgets it and resets it by e-mail.

Usage: new_office.py PATH/TO/vigia   (run by `make test`; exits non-zero on the first failure
and leaves screenshots of every page visited in .build/e2e/).
"""
import os, re, shutil, subprocess, sys, tempfile, time, traceback
from aiosmtpd.controller import Controller
from support import chromium, fill, Inbox, free_port, wait_listening, audit
from selenium.webdriver.common.by import By

VIGIA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/vigia")
SHOTS = os.path.abspath(".build/e2e")
ROOT_PASSWORD = "torre de control del norte 26"


class Journey:
    def __init__(self, base):
        self.base, self.step = base, 0
        self.d = chromium()

    def shot(self, name):
        """Saves the page and audits it with axe-core (WCAG 2.1 A and AA): every screen of the journey."""
        self.step += 1
        self.d.save_screenshot(os.path.join(SHOTS, f"{self.step:02d}-{name}.png"))
        audit(self.d, name)

    def open(self, path, name):
        self.d.get(path if path.startswith("http") else self.base + path)
        self.shot(name)

    def fill(self, fields):
        fill(self.d, fields)   # a date (datetime.date) goes through support.fill_date

    def submit(self, name, form="main form"):
        self.d.find_element(By.CSS_SELECTOR, f"{form} button[type=submit]").click()
        time.sleep(0.3)
        self.shot(name)

    def see(self, text):
        body = self.d.find_element(By.TAG_NAME, "body").text
        assert text in body, f"no se ve «{text}» en {self.d.current_url}:\n{body[:1500]}"

    def sign_in(self, user, password):
        self.open("/ingresar", "ingresar")
        self.fill({"email": user, "password": password})
        self.submit("ingreso", form="form")

    def sign_out(self):
        self.d.find_element(By.CSS_SELECTOR, "nav form button[type=submit]").click()
        time.sleep(0.3)


def link_in(body):
    m = re.search(r"https?://\S+/clave/nueva\?t=[A-Za-z0-9_-]+", body)
    assert m, f"el correo no trae el enlace:\n{body}"
    return m.group(0)


def run(j, inbox):
    # 1. The superadministrador creates the entity and its first administrador.
    j.sign_in("mesa@gobernacion.gov.co", ROOT_PASSWORD)
    j.see("Entidades de la instalación")
    j.open("/instalacion/entidades/nueva", "nueva-entidad")
    j.fill({"entidad": "Municipio de Sol", "nit": "891.200.300-1", "nombre": "Ana Ríos", "email": "arios@sol.gov.co",
            "cargo": "Secretaria General"})
    j.submit("entidad-creada")
    j.see("Entidad «Municipio de Sol» creada. Se envió la invitación a arios@sol.gov.co.")
    j.sign_out()

    # 2. The administrador accepts the invitation and sets up the entity.
    _, subject, body = inbox.wait_for("arios@sol.gov.co")
    assert subject == "Vigía: su cuenta en Municipio de Sol", subject
    j.open(link_in(body), "invitacion")
    j.fill({"nueva": "corto", "confirmacion": "corto"})
    j.submit("clave-corta")
    j.see("12 caracteres")
    j.fill({"nueva": "río claro de montaña 7", "confirmacion": "río claro de montaña 7"})
    j.submit("clave-creada")
    j.sign_in("arios@sol.gov.co", "río claro de montaña 7")
    j.see("Hola, Ana Ríos")
    j.open("/administracion/entidad", "entidad")
    j.fill({"proceso": "Evaluación Independiente", "codigo": "EI-F-07", "version": "2", "zonaBaja": "70", "zonaAlta": "90"})
    j.submit("entidad-guardada")
    j.see("Datos de la entidad guardados.")
    j.open("/administracion/dependencias", "dependencias")
    j.fill({"nombre": "Secretaría de Hacienda"})
    j.submit("dependencia-creada")
    j.see("Dependencia «Secretaría de Hacienda» creada.")
    j.open("/administracion/usuarios/nuevo", "nuevo-usuario")
    j.fill({"nombre": "Luis Pardo", "email": "lpardo@sol.gov.co", "cargo": "Tesorero", "rol": "Responsable de dependencia"})
    j.submit("usuario-sin-dependencia")
    j.see("Dependencia: un responsable reporta por una dependencia; elíjala.")
    j.fill({"dependencia": "Secretaría de Hacienda"})
    j.submit("usuario-creado")
    j.see("Usuario creado. Se envió la invitación a lpardo@sol.gov.co.")
    j.see("Luis Pardo")
    j.sign_out()

    # 3. The responsable accepts, signs in, changes the password, forgets it and resets it.
    _, _, body = inbox.wait_for("lpardo@sol.gov.co")
    j.open(link_in(body), "invitacion-responsable")
    j.fill({"nueva": "tesorería de sol 2026", "confirmacion": "tesorería de sol 2026"})
    j.submit("clave-responsable")
    j.sign_in("lpardo@sol.gov.co", "tesorería de sol 2026")
    j.see("Luis Pardo · Responsable de dependencia")
    j.open("/cuenta/clave", "cambiar-clave")
    j.fill({"actual": "tesorería de sol 2026", "nueva": "cuenta nueva de pardo 9", "confirmacion": "cuenta nueva de pardo 9"})
    j.submit("clave-cambiada")
    j.see("Su contraseña cambió")
    j.sign_out()
    j.open("/clave/olvido", "olvido")
    j.fill({"email": "lpardo@sol.gov.co"})
    j.submit("olvido-enviado")
    _, _, body = inbox.wait_for("lpardo@sol.gov.co", count=2)
    j.open(link_in(body), "restablecer")
    j.fill({"nueva": "después del olvido 44", "confirmacion": "después del olvido 44"})
    j.submit("restablecida")
    j.sign_in("lpardo@sol.gov.co", "después del olvido 44")
    j.see("Luis Pardo · Responsable de dependencia")
    # The old password no longer opens the account.
    j.sign_out()
    j.sign_in("lpardo@sol.gov.co", "cuenta nueva de pardo 9")
    j.see("No fue posible ingresar con ese correo y esa contraseña.")


def main():
    shutil.rmtree(SHOTS, ignore_errors=True)
    os.makedirs(SHOTS)
    work = tempfile.mkdtemp(prefix="vigia-e2e-")
    web, smtp = free_port(), free_port()
    env = dict(os.environ, DATABASE_URL=f"sqlite:{work}/vigia.sqlite", VIGIA_DATA_DIR=f"{work}/datos",
               VIGIA_SMTP_URL=f"smtp://127.0.0.1:{smtp}", VIGIA_SMTP_SIN_TLS="1", VIGIA_SMTP_FROM="vigia@sol.gov.co",
               VIGIA_PUBLIC_URL=f"http://127.0.0.1:{web}", VIGIA_LOGIN_DELAY="0", VIGIA_REMINDERS="0")
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp)
    controller.start()
    server = journey = None
    try:
        for args in (["migrate"], ["create-user", "--email", "mesa@gobernacion.gov.co", "--nombre", "Mesa de ayuda",
                                   "--rol", "superadmin", "--clave", ROOT_PASSWORD]):
            subprocess.run([VIGIA, *args], env=env, check=True, capture_output=True, timeout=120)
        server = subprocess.Popen([VIGIA, "serve", "--hostname", "127.0.0.1", "--port", str(web)], env=env,
                                  stdout=open(f"{work}/serve.log", "w"), stderr=subprocess.STDOUT)
        wait_listening(web, f"{work}/serve.log")
        journey = Journey(f"http://127.0.0.1:{web}")
        run(journey, inbox)
        print(f"e2e: la oficina nueva completó su recorrido en el navegador ({journey.step} pantallas en {SHOTS}).")
        return 0
    except Exception:
        traceback.print_exc()
        if journey:
            journey.shot("fallo")
        print(f"e2e: FALLÓ; capturas en {SHOTS}, registro del servidor en {work}/serve.log", file=sys.stderr)
        return 1
    finally:
        if journey:
            journey.d.quit()
        if server:
            server.terminate()
            server.wait(timeout=10)
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
