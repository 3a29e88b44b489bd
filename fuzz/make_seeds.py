#!/usr/bin/env python3
"""Writes the seed corpora of fuzz/corpus/ (run once; the files are committed).

Small real inputs: CSVs as Excel saves them (UTF-8 with BOM, GBK, quoted
fields over lines), a tiny XLSX (raw zip and the parts form fuzz_xlsx.cc
zips itself), request bodies of the check-in, enterprise and employee
endpoints, and pass tokens valid and invalid under the target's known key.
"""
import base64, hashlib, io, os, zipfile

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus')

def put(target, name, data):
    d = os.path.join(root, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode('utf-8'))

# CSV
roster = '姓名,身份证号,手机号,岗位\r\n张三,220102198001011234,13904319810,车间\r\n李四,"220102199002022345","139 0431 9811","仓储,装卸"\r\n'
put('fuzz_csv', 'utf8.csv', roster)
put('fuzz_csv', 'bom.csv', '\ufeff' + roster)
put('fuzz_csv', 'gbk.csv', roster.encode('gbk'))
put('fuzz_csv', 'quoted_multiline.csv', 'a,b,c\n"line1\nline2","say ""hi""",x"y\n\n1,2,3')
put('fuzz_csv', 'euro_cp936.csv', b'name,price\r\n\x80,\xd5\xc5\r\n')
put('fuzz_csv', 'meter.csv', '户号,日期,用电量\n0431000001,2020-02-10,1234.5\n0431000001,2020/2/11,36.5e1\n')

# XLSX parts (see fuzz_xlsx.cc: parts separated by "\n--part--\n")
workbook = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
shared = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">'
          '<si><t>姓名</t></si><si><t>日期</t></si><si><r><t>张</t></r><r><t xml:space="preserve">三 </t></r></si><si><t>编码</t></si></sst>')
styles = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d h:mm"/></numFmts>'
          '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')
sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
         '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>3</v></c></row>'
         '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>43871</v></c><c r="C2" s="2"><v>43871.5</v></c><c r="D2"><v>222401</v></c></row>'
         '<row r="4"><c r="A4" t="inlineStr"><is><t>李四</t></is></c><c r="B4"><v>13904319810</v></c><c r="C4" t="b"><v>1</v></c>'
         '<c r="D4" t="str"><f>A4</f><v>李四</v></c><c r="E4"><v>36.5</v></c><c r="XFD4"><v>1E+300</v></c></row>'
         '</sheetData></worksheet>')
put('fuzz_xlsx', 'parts_roster.txt', '\n--part--\n'.join([workbook, rels, shared, styles, sheet]))
put('fuzz_xlsx', 'parts_sheet_only.txt', sheet.replace(' t="s"', ' t="inlineStr"'))
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('xl/workbook.xml', workbook)
    z.writestr('xl/_rels/workbook.xml.rels', rels)
    z.writestr('xl/sharedStrings.xml', shared)
    z.writestr('xl/styles.xml', styles)
    z.writestr('xl/worksheets/sheet1.xml', sheet)
put('fuzz_xlsx', 'tiny.xlsx', buf.getvalue())
put('fuzz_xlsx', 'ole2.xls', bytes.fromhex('d0cf11e0a1b11ae1') + b'\0' * 504)

# JSON request bodies
put('fuzz_json', 'checkin.json', '{"token":"AQEBgbwBAbq9-sMJ3d7E8J3vR-4","site_id":12,"temperature":36.6,"direction":"in"}')
put('fuzz_json', 'enterprise.json', '{"uscc":"91220102MA0000001X","name":"  长春一汽  ","roles":["enterprise"],"disabled":false,"count":3}')
put('fuzz_json', 'employee.json', '{"name":"张三","id_number":"22010219800101123X","mobile":"13904319810"}')
put('fuzz_json', 'escapes.json', '{"name":"\\u0000\\ud83d\\ude00\\"","temperature":3.7e1,"site_id":-0,"count":1e2}')
put('fuzz_json', 'unknown.json', '{"x":[1,{"y":null}],"name":null}')
put('fuzz_json', 'not_object.json', '[1,2,3]')

# Pass tokens under the known key (32 × 'k'); 'K' selects it in fuzz_pass.cc.
key = b'k' * 32
def varint(v):
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7f) | 0x80); v >>= 7
    out.append(v)
    return bytes(out)
def token(ent, emp, day, colour, k=key):
    payload = bytes([1]) + varint(ent) + varint(emp) + varint(day) + bytes([colour])
    mac = hashlib.blake2b(payload, key=k, digest_size=32).digest()[:16]
    return base64.urlsafe_b64encode(payload + mac).rstrip(b'=')
put('fuzz_pass', 'green', b'K' + token(1, 1, 18302, 1))
put('fuzz_pass', 'yellow_big_ids', b'K' + token(2**40, 123456789, 20000, 2))
put('fuzz_pass', 'red', b'K' + token(7, 99, 18303, 3))
put('fuzz_pass', 'forged', b'K' + token(1, 1, 18302, 1, k=b'x' * 32))
put('fuzz_pass', 'secret_key', token(1, 1, 18302, 1))
put('fuzz_pass', 'short', b'KAQEB')
put('fuzz_pass', 'padding', b'K' + token(3, 4, 18302, 1) + b'==')

# Permit tokens under the known seed (32 × 's'); 'K' selects it in fuzz_permit.cc.
import json
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b'=')
def permit(payload, seed=b's' * 32):
    body = json.dumps(payload, ensure_ascii=False, separators=(',', ':')).encode('utf-8')
    sig = Ed25519PrivateKey.from_private_bytes(seed).sign(body)
    return b'FGP1.' + b64(body) + b'.' + b64(sig)
p = {'n': 'JL2020-000001', 't': 'production_materials', 'p': '吉B12345', 'h': '张三', 'r': '长春—吉林', 'f': '2020-02-10', 'u': '2020-02-20', 'e': '91220102MA0000001X'}
put('fuzz_permit', 'valid', b'K' + permit(p))
put('fuzz_permit', 'expired', b'K' + permit({**p, 'f': '2020-01-01', 'u': '2020-01-31'}))
put('fuzz_permit', 'not_yet_valid', b'K' + permit({**p, 'f': '2020-03-01', 'u': '2020-03-05'}))
put('fuzz_permit', 'missing_fields', b'K' + permit({'n': 'x'}))
put('fuzz_permit', 'signed_array', b'K' + b'FGP1.' + b64(b'[1]') + b'.' + b64(Ed25519PrivateKey.from_private_bytes(b's' * 32).sign(b'[1]')))
put('fuzz_permit', 'other_key', b'K' + permit(p, seed=b'x' * 32))
put('fuzz_permit', 'secret_key_mode', permit(p))
put('fuzz_permit', 'plate_text', '吉b·12345')
put('fuzz_permit', 'malformed', b'KFGP1.abc')
