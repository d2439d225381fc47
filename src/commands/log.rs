//! `log` and `imports`: the change log, and imports as units that can be
//! listed, shown and undone.

use super::{given, Ctx};
use crate::cli::{Format, ImportsCommand, LogArgs};
use crate::columns::{opt, text, Column, Value};
use crate::error::{InputError, Result};
use crate::output;
use crate::store::log::{ImportRow, LogEntry, LogFilter};
use crate::words;

type Le = Column<LogEntry>;
type Ie = Column<ImportRow>;

/// A time as the log prints it (seconds, no fraction).
fn at(t: &chrono::NaiveDateTime) -> Value<'static> {
    Value::Text(t.format("%Y-%m-%d %H:%M:%S").to_string().into())
}

fn int(n: Option<i32>) -> Value<'static> {
    match n {
        Some(n) => Value::Int(n.into()),
        None => Value::Opt(None),
    }
}

/// The columns of `log`: CSV carries the raw values, people read the
/// change in one column.
const LOG_COLUMNS: [Le; 13] = [
    Le::new("id", "번호", |e| int(e.id)).right().data(),
    Le::new("at", "일시", |e| at(&e.at)),
    Le::new("by", "작업", |e| text(&e.by)),
    Le::new("import", "반영번호", |e| int(e.import)).right(),
    Le::new("entity", "대상", |e| text(&e.entity)).data(),
    Le::new("code", "코드", |e| text(&e.code)),
    Le::new("reported_on", "기준일", |e| Value::Date(e.reported_on)),
    Le::new("action", "구분", |e| {
        Value::Word(words::log_action(&e.action))
    }),
    Le::new("field", "항목", |e| opt(&e.field)).data(),
    Le::new("old", "이전 값", |e| opt(&e.old)).data(),
    Le::new("new", "새 값", |e| opt(&e.new)).data(),
    Le::new("change", "변경 내용", |e| {
        Value::Text(e.summary().into())
    })
    .people(),
    Le::new("reason", "사유", |e| opt(&e.reason)),
];

/// The columns of `imports list`.
const IMPORT_COLUMNS: [Ie; 12] = [
    Ie::new("id", "번호", |i| Value::Int(i.id.into())).right(),
    Ie::new("imported_at", "일시", |i| at(&i.imported_at)),
    Ie::new("file", "파일", |i| text(&i.file)),
    Ie::new("kind", "종류", |i| Value::Word(words::file_kind(&i.kind))),
    Ie::new("round", "회차", |i| opt(&i.round)),
    Ie::new("encoding", "인코딩", |i| text(&i.encoding)).data(),
    Ie::new("inserted", "추가", |i| Value::Int(i.inserted.into())).right(),
    Ie::new("updated", "변경", |i| Value::Int(i.updated.into())).right(),
    Ie::new("unchanged", "동일", |i| Value::Int(i.unchanged.into())).right(),
    Ie::new("rejected", "반려", |i| Value::Int(i.rejected.into())).right(),
    Ie::new("undone_at", "취소 일시", |i| match &i.undone_at {
        Some(t) => at(t),
        None => Value::Opt(None),
    }),
    Ie::new("sha256", "SHA-256", |i| text(&i.sha256)).data(),
];

pub fn run(args: LogArgs, ctx: &mut Ctx) -> Result<()> {
    let format = ctx.format("log", &[Format::Text, Format::Json, Format::Csv])?;
    let filter = LogFilter {
        code: args
            .code
            .as_deref()
            .map(|c| crate::parse::code("code", c).map(|c| c.as_str().to_string()))
            .transpose()?,
        since: given("--since", &args.since)?
            .map(|d| super::flag_date("--since", d))
            .transpose()?,
        import: given("--import", &args.import)?
            .map(|i| import_id("--import", i))
            .transpose()?,
        changes_only: false,
        after: None,
    };
    let (lang, width) = (ctx.lang, ctx.width);
    // Written as the entries come: the log may hold millions.
    ctx.store()?.log_with(&filter, |rows| {
        let none = Some("(no changes)\n");
        output::print_rows(rows, format, &LOG_COLUMNS, |e| e, (lang, width), none)
    })
}

pub fn imports(cmd: ImportsCommand, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        ImportsCommand::List(_) => {
            let format = ctx.format("imports list", &[Format::Text, Format::Json, Format::Csv])?;
            let all = ctx.store()?.imports()?;
            output::stdout_write(&match format {
                Format::Json => output::json(&all)?,
                Format::Csv => output::csv_of(&IMPORT_COLUMNS, &all, ctx.lang)?,
                _ if all.is_empty() => "(no imports)\n".to_string(),
                _ => output::table_of(&IMPORT_COLUMNS, &all, ctx.lang, ctx.width),
            })
        }
        ImportsCommand::Show { id, .. } => {
            let format = ctx.format("imports show", &[Format::Text, Format::Json])?;
            let id = import_id("ID", &id)?;
            let (row, created, log) = ctx.store()?.import_details(id)?;
            if format == Format::Json {
                let v = serde_json::json!({ "import": row, "created": created, "log": log });
                return output::stdout_write(&output::json(&v)?);
            }
            let mut out = output::table_of(
                &IMPORT_COLUMNS,
                std::slice::from_ref(&row),
                ctx.lang,
                ctx.width,
            );
            out.push_str(&format!(
                "\nstill standing: {} meetings, {} measures, {} reports created by it\n",
                created.meetings, created.measures, created.reports
            ));
            if !log.is_empty() {
                out.push('\n');
                out.push_str(&output::table_of(&LOG_COLUMNS, &log, ctx.lang, ctx.width));
            }
            output::stdout_write(&out)
        }
        ImportsCommand::Undo { id } => {
            ctx.format("imports undo", &[Format::Text])?;
            let id = import_id("ID", &id)?;
            let d = ctx.store()?.undo_import(id)?;
            if ctx.quiet {
                return Ok(());
            }
            output::stdout_write(&format!(
                "import {id} ({}) undone: {} reports removed, {} restored; {} fields restored; {} measures and {} meetings removed\n",
                d.file,
                d.reports_removed,
                d.reports_restored,
                d.fields_restored,
                d.measures_removed,
                d.meetings_removed
            ))
        }
    }
}

/// An import's id as given to `flag`.
fn import_id(flag: &str, s: &str) -> Result<i32> {
    s.trim()
        .parse::<i32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            InputError::new(
                format!("{flag}: not an import id"),
                s,
                "a whole number from `policy-track imports list`",
            )
            .into()
        })
}
