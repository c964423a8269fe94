#!/usr/bin/env python3
"""Two `vigia serve` processes on one PostgreSQL, as behind a load balancer.

Both migrate the empty database at the same moment (one waits for the other's lock). Each
process has its own data folder (nothing on disk is shared) and runs its own reminder loop
every second against one local SMTP server (aiosmtpd). Over real HTTP:
  1. a session opened on one server is valid on the other (sessions live in the database);
  2. an evidence file uploaded through server A downloads, byte for byte, through server B,
     and neither data folder holds it (it is in the database);
  3. a grade the OCI saves on A shows at once on B's plan page, which B had already rendered
     and cached, and in B's API;
  4. the day's reminders go out once: as many e-mails as notifications, none twice, though both
     servers ran the reminders several times at the same moment;
  5. the reference deployment's nginx file (deploy/nginx/vigia.conf) in front of both: HTTP goes
     to HTTPS, and over TLS a user works while nginx spreads the requests over both servers.

Usage: bash scripts/with-test-postgres.sh python3 scripts/e2e/two_servers.py PATH/TO/vigia
(run by `make test`; needs VIGIA_TEST_POSTGRES_URL; exits non-zero on the first failure).
"""
import glob, html, os, re, secrets, shutil, subprocess, sys, tempfile, time, traceback
import http.client, ssl, urllib.parse
from aiosmtpd.controller import Controller
from support import Inbox, free_port, wait_listening

VIGIA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/vigia")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Client:
    """One browser: cookies by name, no redirects followed, the last page's CSRF token."""
    def __init__(self, port, cookies=None, tls=False):
        self.port, self.cookies, self.csrf, self.tls = port, cookies if cookies is not None else {}, None, tls

    def on(self, port, tls=False):
        """The same browser (same cookies) talking to another server."""
        c = Client(port, self.cookies, tls)
        c.csrf = self.csrf
        return c

    def request(self, method, path, body=None, headers=None):
        if self.tls:   # the test's own self-signed certificate
            conn = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=60, context=ssl._create_unverified_context())
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=h)
        res = conn.getresponse()
        data = res.read()
        for name, value in res.getheaders():
            if name.lower() == "set-cookie":
                k, _, rest = value.partition("=")
                self.cookies[k.strip()] = rest.split(";")[0]
        m = re.search(rb'name="_csrf" value="([^"]+)"', data)
        if m:
            self.csrf = m.group(1).decode()
        conn.close()
        return res.status, dict((k.lower(), v) for k, v in res.getheaders()), data

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields):
        body = urllib.parse.urlencode({"_csrf": self.csrf, **fields})
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def upload(self, path, fields, files):
        boundary = "----vigia" + secrets.token_hex(8)
        parts = []
        for k, v in [("_csrf", self.csrf), *fields.items()]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
        for name, data in files:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="archivos"; filename="{name}"\r\n'
                         f'Content-Type: application/pdf\r\n\r\n'.encode() + data + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def sign_in(self, user, password):
        self.get("/ingresar")
        status, headers, _ = self.post("/ingresar", {"email": user, "password": password})
        assert status == 303 and headers.get("location") == "/", f"no ingresó {user}: {status} {headers}"


def form_fields(page):
    """The values a browser would send from the page's main form (inputs, textareas, selects)."""
    text = page.decode()
    fields = {}
    for m in re.finditer(r"<input ([^>]*)>", text):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        if "name" in attrs and attrs.get("type") not in ("submit", "checkbox", "file"):
            fields[attrs["name"]] = html.unescape(attrs.get("value", ""))
    for m in re.finditer(r'<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', text, re.S):
        fields[m.group(1)] = html.unescape(m.group(2))
    for m in re.finditer(r'<select [^>]*name="([^"]+)"[^>]*>(.*?)</select>', text, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', m.group(2))
        fields[m.group(1)] = html.unescape(chosen.group(1)) if chosen else ""
    return fields


def psql(url, query):
    out = subprocess.run(["psql", url, "-At", "-v", "ON_ERROR_STOP=1", "-c", query], check=True, capture_output=True, text=True)
    return [line.split("|") for line in out.stdout.splitlines() if line]


def demo_credentials(work):
    """The passwords `vigia demo` printed, by e-mail."""
    return dict(re.findall(r"^\s*[^:\n]+: (\S+@vigia\.local) / (\S+)$", open(f"{work}/demo.txt").read(), re.M))


def run(url, a, b, work, inbox):
    credentials = demo_credentials(work)
    plan = psql(url, "SELECT id FROM improvement_plans")[0][0]
    action = psql(url, "SELECT a.id FROM actions a JOIN findings f ON f.id = a.finding_id "
                       "ORDER BY f.numero, a.position LIMIT 1")[0][0]

    # 1. A session opened on A is valid on B.
    resp = Client(a)
    resp.sign_in("hacienda@vigia.local", credentials["hacienda@vigia.local"])
    status, _, page = resp.on(b).get("/")
    assert status == 200 and "Responsable de dependencia" in page.decode(), f"la sesión de A no vale en B: {status}"

    # 2. An evidence file uploaded through A downloads through B.
    form = f"/planes/{plan}/seguimientos/3/acciones/{action}/autoreporte"
    status, _, page = resp.get(form)
    assert status == 200, f"formulario de autoreporte: {status}\n{page[:800]}"
    evidence = b"%PDF-1.4\n" + secrets.token_bytes(2_500_000) + b"\n%%EOF\n"   # three parts of 1 MB
    status, headers, page = resp.upload(form, {"porcentaje": "45", "descripcion": "Actas de depuración (servidor A)"},
                                        [("actas-A.pdf", evidence)])
    assert status == 303, f"la carga en A falló: {status}\n{page[:800]}"
    ids = psql(url, "SELECT id FROM report_evidences WHERE name = 'actas-A.pdf'")
    assert len(ids) == 1, ids
    oci = Client(b)
    oci.sign_in("oci@vigia.local", credentials["oci@vigia.local"])
    status, headers, data = oci.get(f"/evidencias/{ids[0][0]}")
    assert status == 200 and data == evidence, f"la descarga en B no es el archivo: {status}, {len(data)} bytes de {len(evidence)}"
    for folder in ("datos-a", "datos-b"):
        stored = [f for _, _, fs in os.walk(f"{work}/{folder}") for f in fs if re.fullmatch(r"[0-9a-f]{64}", f)]
        assert not stored, f"{folder} guarda archivos de evidencia: {stored}"

    # 3. A grade saved on A shows at once on B (whose page cache held the page before it).
    status, _, before = oci.get(f"/planes/{plan}")
    assert status == 200 and b"Verificado desde el servidor A" not in before
    oci_a = oci.on(a)
    status, _, page = oci_a.get(f"/planes/{plan}/seguimientos/3")
    assert status == 200, status
    fields = form_fields(page)
    key = f"obs_{action.upper()}" if f"obs_{action.upper()}" in fields else f"obs_{action}"
    assert key in fields, f"el formulario no trae {key}: {sorted(fields)[:10]}"
    fields.update({key: "Verificado desde el servidor A", key.replace("obs_", "pct_"): "45", key.replace("obs_", "ev_"): "Actas"})
    fields.pop("_csrf", None)
    status, headers, page = oci_a.post(f"/planes/{plan}/seguimientos/3", fields)
    assert status == 303, f"la calificación en A falló: {status} {sorted(fields.items())[:60]}\n{page[:300]}"
    status, _, after = oci.get(f"/planes/{plan}")
    assert b"Verificado desde el servidor A" in after, "B muestra la página anterior a la calificación"
    status, _, api = oci.get(f"/api/v1/plans/{plan}")
    assert status == 200 and "Verificado desde el servidor A" in api.decode(), f"la API de B no la muestra: {status}"

    # 4. The reminders went out once, though both servers ran them every second.
    deadline = time.time() + 30
    while time.time() < deadline:
        pending = int(psql(url, "SELECT COUNT(*) FROM notifications WHERE sent_at IS NULL")[0][0])
        if pending == 0 and len(inbox.messages) >= 1:
            break
        time.sleep(0.5)
    time.sleep(3)   # several more rounds of both loops
    rows = int(psql(url, "SELECT COUNT(*) FROM notifications")[0][0])
    sent = int(psql(url, "SELECT COUNT(*) FROM notifications WHERE sent_at IS NOT NULL")[0][0])
    assert rows > 0, "no se generó ningún recordatorio"
    assert sent == rows, f"{rows - sent} recordatorios sin enviar"
    received = [(tuple(rcpts), subject) for rcpts, subject, _ in inbox.messages]
    assert len(received) == rows, f"{len(received)} correos para {rows} recordatorios: {received}"
    assert len(set(received)) == len(received), f"correos repetidos: {received}"
    return rows, ids[0][0]


def behind_nginx(a, b, work, plan, evidence_id, credentials):
    """The reference deployment's nginx file (deploy/nginx/vigia.conf), with this run's ports and a
    self-signed certificate, in front of both servers: HTTP goes to HTTPS, and over TLS a user signs
    in, reads pages and downloads the evidence while nginx spreads the requests over both."""
    conf = open(os.path.join(ROOT, "deploy/nginx/vigia.conf")).read()
    http_port, https_port = free_port(), free_port()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=vigia.local",
                    "-keyout", f"{work}/privkey.pem", "-out", f"{work}/fullchain.pem"], check=True, capture_output=True)
    for old, new in [("127.0.0.1:8081", f"127.0.0.1:{a}"), ("127.0.0.1:8082", f"127.0.0.1:{b}"),
                     ("listen 80;", f"listen 127.0.0.1:{http_port};"), ("listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl"),
                     ("/etc/ssl/vigia/", f"{work}/")]:
        assert old in conf, f"deploy/nginx/vigia.conf ya no trae «{old}»"
        conf = conf.replace(old, new)
    conf = "\n".join(line for line in conf.splitlines() if "[::]" not in line)   # the test machine may lack IPv6
    with open(f"{work}/nginx.conf", "w") as f:
        f.write(f"daemon off;\npid {work}/nginx.pid;\nerror_log {work}/nginx-error.log;\nevents {{}}\n"
                f"http {{\nlog_format up '$upstream_addr $status $request';\naccess_log {work}/nginx-access.log up;\n"
                + "".join(f"{k}_temp_path {work}/nginx-{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
                + conf + "\n}\n")
    nginx = subprocess.Popen(["nginx", "-p", work, "-c", f"{work}/nginx.conf"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        wait_listening(https_port, f"{work}/nginx-error.log")
        status, headers, _ = Client(http_port).get("/ingresar")
        assert status == 301 and headers["location"].startswith("https://"), f"HTTP no lleva a HTTPS: {status} {headers}"
        user = Client(https_port, tls=True)
        user.sign_in("oci@vigia.local", credentials["oci@vigia.local"])
        for _ in range(6):
            status, _, page = user.get(f"/planes/{plan}")
            assert status == 200 and b"Verificado desde el servidor A" in page, status
        status, _, css = user.get("/css/vigia.css")
        assert status == 200 and len(css) > 1000, f"la hoja de estilo no llega: {status}"
        status, _, data = user.get(f"/evidencias/{evidence_id}")
        assert status == 200 and len(data) > 2_500_000, f"descarga por nginx: {status}"
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
    upstreams = {line.split()[0] for line in open(f"{work}/nginx-access.log") if line.startswith("127.0.0.1:")}
    assert upstreams == {f"127.0.0.1:{a}", f"127.0.0.1:{b}"}, f"nginx no repartió entre las dos instancias: {upstreams}"


def main():
    base = os.environ.get("VIGIA_TEST_POSTGRES_URL")
    if not base:
        print("two_servers: falta VIGIA_TEST_POSTGRES_URL (córralo con scripts/with-test-postgres.sh).", file=sys.stderr)
        return 2
    name = "vigia_dos_" + secrets.token_hex(4)
    psql(base, f"CREATE DATABASE {name}")
    url = base.rsplit("/", 1)[0] + "/" + name
    work = tempfile.mkdtemp(prefix="vigia-dos-")
    smtp = free_port()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp)
    controller.start()
    servers = []
    try:
        common = dict(os.environ, DATABASE_URL=url, VIGIA_LOGIN_DELAY="0", VIGIA_REMINDERS="0")
        # Both servers' first start at once on an empty database: one migrates, the other waits.
        migrations = [subprocess.Popen([VIGIA, "migrate"], env=common, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                      for _ in range(2)]
        for m in migrations:
            out, _ = m.communicate(timeout=300)
            assert m.returncode == 0, f"una de dos migraciones simultáneas falló:\n{out.decode()}"
        with open(f"{work}/demo.txt", "w") as out:
            subprocess.run([VIGIA, "demo", "--credentials", f"{work}/credenciales.txt"], env=dict(common, VIGIA_DATA_DIR=f"{work}/demo"),
                           check=True, stdout=out, stderr=subprocess.STDOUT, timeout=300)
        # Served as the README's deployment lays it out: the executable, its resources and Public/
        # copied to a folder of their own, which is the working directory.
        srv = f"{work}/srv"
        os.makedirs(srv)
        shutil.copy2(VIGIA, f"{srv}/vigia")
        for extra in glob.glob(os.path.join(os.path.dirname(VIGIA), "*.resources")) + [os.path.join(ROOT, "Public")]:
            shutil.copytree(extra, os.path.join(srv, os.path.basename(extra)))
        ports = {}
        for n in ("a", "b"):
            ports[n] = free_port()
            env = dict(common, VIGIA_DATA_DIR=f"{work}/datos-{n}", VIGIA_REMINDERS="1", VIGIA_REMINDER_INTERVAL="1",
                       VIGIA_SMTP_URL=f"smtp://127.0.0.1:{smtp}", VIGIA_SMTP_SIN_TLS="1", VIGIA_SMTP_FROM="vigia@vigia.local",
                       VIGIA_PUBLIC_URL="http://vigia.local")
            log = f"{work}/serve-{n}.log"
            servers.append(subprocess.Popen([f"{srv}/vigia", "serve", "--port", str(ports[n])], env=env, cwd=srv,
                                            stdout=open(log, "w"), stderr=subprocess.STDOUT))
        for n in ports:
            wait_listening(ports[n], f"{work}/serve-{n}.log")
        reminders, evidence_id = run(url, ports["a"], ports["b"], work, inbox)
        plan = psql(url, "SELECT id FROM improvement_plans")[0][0]
        credentials = demo_credentials(work)
        behind_nginx(ports["a"], ports["b"], work, plan, evidence_id, credentials)
        print(f"two_servers: dos instancias sobre una PostgreSQL: sesión, evidencia, calificación y {reminders} recordatorios "
              f"(cada uno una sola vez) correctos, también detrás de nginx con TLS.")
        return 0
    except Exception:
        traceback.print_exc()
        print(f"two_servers: FALLÓ; registros en {work}/serve-a.log y serve-b.log", file=sys.stderr)
        return 1
    finally:
        for s in servers:
            s.terminate()
            try:
                s.wait(timeout=10)
            except subprocess.TimeoutExpired:
                s.kill()
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
