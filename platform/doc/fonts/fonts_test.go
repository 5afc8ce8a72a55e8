package fonts

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// debianSHA256 is the SHA-256 of /usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf
// in Debian 12's fonts-arphic-gbsn00lp 2.11-16: the embedded file is that file, unmodified,
// as the Arphic Public License's section 1 asks of a verbatim copy.
const debianSHA256 = "705ec2dba81eaee1208e4ed5d3ff23ab259292e8e0e163ea3de297ef1317007a"

func TestSongIsDebiansFile(t *testing.T) {
	data, err := Song()
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != debianSHA256 {
		t.Errorf("Song's SHA-256 is %x, want Debian's %s", sum, debianSHA256)
	}
}

func TestFacesAreTrueType(t *testing.T) {
	for name, face := range map[string]func() ([]byte, error){"Song": Song, "Hei": Hei} {
		data, err := face()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// glyf outlines (not CFF, not a collection): what gopdf embeds.
		if string(data[:4]) != "\x00\x01\x00\x00" {
			t.Errorf("%s starts %q, want a TrueType font's 00 01 00 00", name, data[:4])
		}
	}
}
