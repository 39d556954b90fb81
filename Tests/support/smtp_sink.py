#!/usr/bin/env python3
"""A real SMTP server for Docket's tests (aiosmtpd), writing each message it accepts to a folder.

    smtp_sink.py --dir DIR [--port N] [--auth USER:PASS] [--tls] [--silent]

Prints "READY <port>" once listening, then runs until stdin closes or it is terminated.
With --tls it makes a self-signed certificate for "localhost" in DIR/cert.pem, offers STARTTLS,
and requires it before AUTH and mail.
"""
import argparse, datetime, os, signal, socket, ssl, sys, time, uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, folder):
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(self.folder, "%d-%s.eml" % (time.time_ns(), uuid.uuid4().hex))
        with open(name + ".tmp", "wb") as f:
            f.write(("X-Envelope-To: %s\r\n" % ",".join(envelope.rcpt_tos)).encode())
            f.write(("X-Envelope-From: %s\r\n" % envelope.mail_from).encode())
            f.write(("X-Authenticated: %s\r\n" % ("yes" if session.authenticated else "no")).encode())
            f.write(("X-TLS: %s\r\n" % ("yes" if session.ssl else "no")).encode())
            f.write(envelope.original_content)
        os.rename(name + ".tmp", name)
        return "250 Message accepted"


def make_certificate(folder):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_path, key_path


def main():
    # The test process may ignore SIGTERM, and children inherit that; be stoppable anyway.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--auth")
    p.add_argument("--tls", action="store_true")
    p.add_argument("--silent", action="store_true", help="accept connections and never answer")
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    port = a.port
    if port == 0:
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
    if a.silent:
        listener = socket.socket()
        listener.bind(("127.0.0.1", port))
        listener.listen(8)
        print("READY %d" % port, flush=True)
        held = []
        listener.settimeout(0.2)
        while True:
            try:
                held.append(listener.accept()[0])
            except socket.timeout:
                pass
    kwargs = {}
    if a.auth:
        user, password = a.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login.decode() == user and data.password.decode() == password
            return AuthResult(success=ok, handled=False)

        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=a.tls)
    if a.tls:
        cert, key = make_certificate(a.dir)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        kwargs.update(tls_context=context, require_starttls=True)
    controller = Controller(Sink(a.dir), hostname="127.0.0.1", port=port, server_hostname="localhost", **kwargs)
    controller.start()
    print("READY %d" % port, flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
