// Package deploy holds the files an operator installs (nginx.conf, the systemd
// unit, the environment file); its test checks the nginx configuration with nginx
// itself, as the README tells operators to.
package deploy

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNginxConfig runs `nginx -t` on deploy/nginx.conf inside a minimal main
// configuration, with a throwaway certificate where the file names the real one.
func TestNginxConfig(t *testing.T) {
	bin, err := exec.LookPath("nginx")
	if err != nil {
		if testing.Short() {
			t.Skip("nginx is not installed (.ci/run installs it)")
		}
		t.Fatal("nginx is not installed: the deployment's configuration cannot be checked (.ci/run installs it)")
	}
	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	conf, err := os.ReadFile("nginx.conf")
	if err != nil {
		t.Fatal(err)
	}
	site := strings.NewReplacer("/etc/ssl/jixiao/fullchain.pem", cert, "/etc/ssl/jixiao/privkey.pem", key).Replace(string(conf))
	if site == string(conf) {
		t.Fatal("nginx.conf no longer names /etc/ssl/jixiao/fullchain.pem and privkey.pem: update this test")
	}
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("jixiao.conf", site)
	main := write("main.conf", `pid `+filepath.Join(dir, "nginx.pid")+`;
error_log `+filepath.Join(dir, "error.log")+`;
events {}
http {
    access_log off;
    client_body_temp_path `+dir+`;
    proxy_temp_path `+dir+`;
    include `+filepath.Join(dir, "jixiao.conf")+`;
}
`)
	out, err := exec.Command(bin, "-t", "-p", dir, "-c", main).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "test is successful") {
		t.Fatalf("nginx -t: %v\n%s", err, out)
	}
}

// selfSigned writes a certificate and its key for jixiao.example into dir.
func selfSigned(t *testing.T, dir string) (cert, key string) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "jixiao.example"},
		DNSNames: []string{"jixiao.example"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	cert, key = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		t.Fatal(err)
	}
	return cert, key
}
