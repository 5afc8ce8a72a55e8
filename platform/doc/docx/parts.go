package docx

import (
	"jixiao/platform/doc"
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const (
	nsW = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	nsR = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
)

const contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const packageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="` + rel + `officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="` + rel + `extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

// footerID is the footer's relationship, named by the section (body.go).
const footerID = "rIdFooter"

const documentRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rIdStyles" Type="` + rel + `styles" Target="styles.xml"/>` +
	`<Relationship Id="rIdSettings" Type="` + rel + `settings" Target="settings.xml"/>` +
	`<Relationship Id="rIdFonts" Type="` + rel + `fontTable" Target="fontTable.xml"/>` +
	`<Relationship Id="` + footerID + `" Type="` + rel + `footer" Target="footer1.xml"/>` +
	`</Relationships>`

const appProps = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
	`<Application>Jixiao</Application></Properties>`

// coreProps names the document by its title, which file browsers and Word's
// properties show.
func coreProps(d doc.Document) string {
	var b builder
	b.raw(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>`)
	b.text(oneLine(d.Title))
	b.raw(`</dc:title><dc:creator>Jixiao</dc:creator></cp:coreProperties>`)
	return b.String()
}

// settings: no punctuation compression, as official documents set it; Word's
// Chinese line-breaking rules (避头尾) are on by default.
const settings = xmlHeader + `<w:settings ` + nsW + `>` +
	`<w:defaultTabStop w:val="420"/>` +
	`<w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`</w:settings>`

// fontTable tells Word what each face is, and which installed face stands in
// for it (altName): Windows has 仿宋 and 楷体 but not their _GB2312 versions,
// and 方正小标宋简体 only where it was installed.
var fontTable = xmlHeader + `<w:fonts ` + nsW + `>` +
	cjkFont("仿宋_GB2312", "仿宋", "modern", "fixed") +
	cjkFont("楷体_GB2312", "楷体", "modern", "fixed") +
	cjkFont("黑体", "SimHei", "modern", "fixed") +
	cjkFont("方正小标宋简体", "宋体", "script", "variable") +
	cjkFont("宋体", "SimSun", "auto", "variable") +
	`<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
	`</w:fonts>`

func cjkFont(name, alt, family, pitch string) string {
	return `<w:font w:name="` + name + `"><w:altName w:val="` + alt + `"/><w:charset w:val="86"/>` +
		`<w:family w:val="` + family + `"/><w:pitch w:val="` + pitch + `"/></w:font>`
}

// footer is the page number, "— 1 —", a PAGE field between two em dashes.
const footer = xmlHeader + `<w:ftr ` + nsW + ` ` + nsR + `><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>` +
	`<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r>` +
	`<w:r><w:fldChar w:fldCharType="begin"/></w:r>` +
	`<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
	`<w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
	`<w:r><w:t>1</w:t></w:r>` +
	`<w:r><w:fldChar w:fldCharType="end"/></w:r>` +
	`<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r>` +
	`</w:p></w:ftr>`
