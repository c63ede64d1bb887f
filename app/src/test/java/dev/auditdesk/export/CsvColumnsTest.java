package dev.auditdesk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auditdesk.model.Actor;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.FieldChange;
import dev.auditdesk.model.Organization;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV a spreadsheet user opens, byte for byte: headers, their order and each cell's text. */
class CsvColumnsTest {

  @Test
  void aSpreadsheetGetsTheSameHeadersAndCellsAsAlways() throws Exception {
    AuditEvent create =
        new AuditEvent(
            "e1",
            "r1",
            Instant.parse("2026-11-01T10:15:30.123Z"),
            "",
            new Organization("o1", "coder", "Coder"),
            "10.0.0.7",
            "=HYPERLINK(\"x\")",
            "workspace",
            "res1",
            "dev, box\u202e",
            "",
            "/@alice/dev",
            "create",
            List.of(
                new FieldChange("name", "\"a\"", "\"b\"", false),
                new FieldChange("token", "\"s\"", "\"t\"", true)),
            201,
            "{\"k\":1}",
            "{user} created {target}",
            false,
            new Actor("u1", "alice", "alice@example.com", "Alice"),
            "",
            "");
    AuditEvent autostart =
        new AuditEvent(
            "e2",
            "",
            Instant.parse("2026-11-01T10:00:00Z"),
            "",
            null,
            "",
            "",
            "workspace_build",
            "",
            "ws",
            "",
            "",
            "start",
            null,
            0,
            null,
            "{user} started {target}",
            true,
            null,
            "autostart",
            "");
    StringWriter out = new StringWriter();
    CsvEventWriter w = new CsvEventWriter(out);
    w.begin();
    w.write(create);
    w.write(autostart);
    w.finish();

    assertEquals(
        "id,time,username,action,resource_type,resource_target,status_code,ip,user_agent,"
            + "organization,description,diff,additional_fields,request_id,resource_id,user_id,"
            + "email,organization_id,build_reason,resource_link,is_deleted\r\n"
            + "e1,2026-11-01T10:15:30.123Z,alice,create,workspace,\"dev, box\u27e8U+202E\u27e9\","
            + "201,10.0.0.7,\"'=HYPERLINK(\"\"x\"\")\",Coder,"
            + "\"alice created dev, box\u27e8U+202E\u27e9\","
            + "\"{\"\"name\"\":{\"\"old\"\":\"\"a\"\",\"\"new\"\":\"\"b\"\",\"\"secret\"\":false},"
            + "\"\"token\"\":{\"\"old\"\":null,\"\"new\"\":null,\"\"secret\"\":true}}\","
            + "\"{\"\"k\"\":1}\",r1,res1,u1,alice@example.com,o1,,/@alice/dev,false\r\n"
            + "e2,2026-11-01T10:00:00Z,,start,workspace_build,ws,0,,,,Coder started ws,{},{},"
            + ",,,,,autostart,,true\r\n",
        out.toString());
  }
}
