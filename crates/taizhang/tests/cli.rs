//! The command line as a user meets it: exit codes, where data and messages go, one-line
//! errors that name the file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs taizhang in an English locale (the tests that read its messages read English).
fn run(args: &[&str]) -> Output {
    run_in_locale("C.UTF-8", args)
}

/// Runs taizhang with `LANG` set to `locale` (and no `LC_ALL` or `LC_MESSAGES` over it).
fn run_in_locale(locale: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_taizhang"))
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", locale)
        .args(args)
        .output()
        .expect("the taizhang binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

#[test]
fn version_and_help() {
    let out = run(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("taizhang "));
    let out = run(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    for command in ["read", "parse", "quantities", "schema", "diff", "check", "export"] {
        assert!(String::from_utf8_lossy(&out.stdout).contains(command), "{command} in --help");
    }
}

#[test]
fn read_prints_the_tables() {
    let out = run(&["read", "fixtures/seed/plan-2020.docx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let tables = json(&out);
    assert_eq!(tables["schema"], "taizhang/tables/v1");
    assert_eq!(tables["source"]["format"], "docx");
    assert_eq!(tables["tables"][0]["rows"].as_array().map(Vec::len), Some(112));
}

#[test]
fn parse_prints_the_plan() {
    let out = run(&["parse", "fixtures/seed/plan-2020.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let plan = json(&out);
    assert_eq!(plan["schema"], "taizhang/plan/v1");
    assert_eq!(plan["year"], 2020);
    assert_eq!(plan["items"].as_array().map(Vec::len), Some(111));
}

#[test]
fn a_missing_file_is_one_line_naming_it_and_exit_2() {
    for command in ["read", "parse", "check"] {
        let out = run(&[command, "fixtures/no-such-file.txt"]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let message = stderr(&out);
        assert_eq!(message.trim_end().lines().count(), 1, "{command}: {message}");
        assert!(message.contains("fixtures/no-such-file.txt"), "{command}: {message}");
        assert!(out.stdout.is_empty(), "{command}: nothing on stdout");
    }
}

#[test]
fn a_damaged_doc_is_one_line() {
    let out = run(&["parse", "fixtures/bad/legacy.doc"]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert_eq!(message.trim_end().lines().count(), 1, "{message}");
    assert!(message.contains("legacy.doc: a damaged or cut-short Word document"), "{message}");
}

#[test]
fn check_exit_codes() {
    assert_eq!(run(&["check", "fixtures/seed/plan-2020.txt"]).status.code(), Some(0));
    assert_eq!(run(&["check", "fixtures/check/contradictions.txt"]).status.code(), Some(1));
    let out = run(&["check", "fixtures/check/contradictions.txt", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["schema"], "taizhang/check/v1");
}

#[test]
fn diff_exit_codes_follow_diff1() {
    let same = run(&["diff", "fixtures/seed/plan-2020.txt", "fixtures/seed/plan-2020.docx"]);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    let changed = run(&[
        "diff",
        "fixtures/revision/plan-2020-v1.txt",
        "fixtures/revision/plan-2020-v2.docx",
        "--format",
        "json",
    ]);
    assert_eq!(changed.status.code(), Some(1), "{}", stderr(&changed));
    assert_eq!(json(&changed)["schema"], "taizhang/diff/v1");
    let broken = run(&["diff", "fixtures/seed/plan-2020.txt", "fixtures/bad/legacy.doc"]);
    assert_eq!(broken.status.code(), Some(2));
}

#[test]
fn quantities_reads_arguments() {
    let out = run(&["quantities", "累计完成投资26.1亿元"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let line = json(&out);
    assert_eq!(line["quantities"][0]["value"], 2610000000.0);
    assert_eq!(line["quantities"][0]["cumulative"], true);
}

#[test]
fn schema_prints_every_kind() {
    for kind in ["plan", "tables", "diff", "check"] {
        let out = run(&["schema", kind]);
        assert_eq!(out.status.code(), Some(0), "{kind}: {}", stderr(&out));
        let file = root().join("schemas").join(format!("{kind}.schema.json"));
        let expected = std::fs::read_to_string(&file).expect("checked-in schema");
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "{kind}");
    }
    assert_eq!(run(&["schema", "nothing"]).status.code(), Some(2));
}

/// `--lexicon FILE` adds header words: a lead column headed 主抓, a word the built-in header
/// words do not name, is the lead column by its header only with the file that names it
/// (without it, the unit names in its cells make it the lead column by content).
#[test]
fn lexicon_file_adds_header_words() {
    let table = "fixtures/tables/lead-header-zhuzhua.txt";
    let roles = |plan: &serde_json::Value| -> Vec<String> {
        plan["columns"].as_array().expect("columns").iter().map(|c| c["role"].to_string()).collect()
    };
    let by = |plan: &serde_json::Value| -> String { plan["columns"][4]["by"].to_string() };
    let leads = |plan: &serde_json::Value| -> Vec<String> {
        plan["items"].as_array().expect("items").iter().map(|i| i["lead"].to_string()).collect()
    };
    let without = run(&["parse", table]);
    assert_eq!(without.status.code(), Some(0), "{}", stderr(&without));
    let without = json(&without);
    assert_eq!(roles(&without)[4], "\"lead\"");
    assert_eq!(by(&without), "\"content\"");

    let with = run(&["parse", table, "--lexicon", "fixtures/tables/lead-header-zhuzhua.toml"]);
    assert_eq!(with.status.code(), Some(0), "{}", stderr(&with));
    let with = json(&with);
    assert_eq!(roles(&with)[4], "\"lead\"");
    assert_eq!(by(&with), "\"header\"");
    assert_eq!(leads(&with), ["[\"水务局\"]", "[\"交投集团\"]", "[]"]);
    // Nothing else changes: the other columns keep their roles.
    let (mut a, mut b) = (roles(&without), roles(&with));
    a.remove(4);
    b.remove(4);
    assert_eq!(a, b);

    // check, diff and export take the file too.
    let lexicon = "fixtures/tables/lead-header-zhuzhua.toml";
    let codes = |extra: &[&str]| -> Vec<String> {
        let out = run(&[&["check", table, "--format", "json"], extra].concat());
        json(&out)["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["code"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    // Row 3 has an empty lead cell: an item without a lead, the lead column found either way.
    assert!(codes(&[]).contains(&"item/no-lead".to_string()));
    assert!(codes(&["--lexicon", lexicon]).contains(&"item/no-lead".to_string()));

    let dir = std::env::temp_dir().join(format!("taizhang-lexicon-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let old = dir.join("without.json");
    let out = run(&["parse", table, "-o", old.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&["diff", old.to_str().expect("utf-8"), table, "--lexicon", lexicon]);
    // The same units either way: no change between the two readings.
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));

    let csv = dir.join("csv");
    let out = run(&[
        "export",
        table,
        "--to",
        "csv",
        "-o",
        csv.to_str().expect("utf-8"),
        "--lexicon",
        lexicon,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let items = std::fs::read_to_string(csv.join("items.csv")).expect("items.csv");
    assert!(items.contains(",水务局,"), "{items}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--lexicon FILE` adds units and connectives: the quantity extractor reads 尾 and 樘 as
/// units (`50万尾` is 500000 尾, of kind count), and 主抓 after a unit name marks it as the
/// lead unit and is cut from the name, as 牵头 is. Without the file, `50万尾` names no unit and
/// `农业农村局主抓` is one unit named so.
#[test]
fn lexicon_file_adds_units_and_connectives() {
    let table = "fixtures/tables/user-unit-connective.txt";
    let lexicon = "fixtures/tables/user-unit-connective.toml";
    let goal_units = |plan: &serde_json::Value| -> Vec<String> {
        plan["items"]
            .as_array()
            .expect("items")
            .iter()
            .flat_map(|i| i["goal"]["quantities"].as_array().cloned().unwrap_or_default())
            .map(|q| format!("{} {} {} {}", q["text"], q["value"], q["unit"], q["kind"]))
            .collect()
    };
    let units = |plan: &serde_json::Value, field: &str| -> Vec<String> {
        plan["items"].as_array().expect("items").iter().map(|i| i[field].to_string()).collect()
    };

    let without = run(&["parse", table]);
    assert_eq!(without.status.code(), Some(0), "{}", stderr(&without));
    let without = json(&without);
    assert!(!goal_units(&without).iter().any(|q| q.contains("\"尾\"") || q.contains("\"樘\"")));
    assert_eq!(units(&without, "lead")[0], "[\"农业农村局主抓\"]");

    let with = run(&["parse", table, "--lexicon", lexicon]);
    assert_eq!(with.status.code(), Some(0), "{}", stderr(&with));
    let with = json(&with);
    assert_eq!(
        goal_units(&with),
        [
            "\"50万尾\" 500000.0 \"尾\" \"count\"",
            "\"120樘\" 120.0 \"樘\" \"count\"",
            "\"20个\" 20.0 \"个\" \"count\"",
        ]
    );
    assert_eq!(units(&with, "lead"), ["[\"农业农村局\"]", "[\"住房城乡建设局\"]", "[\"城管局\"]"]);
    assert_eq!(
        units(&with, "support"),
        ["[\"海洋渔业局\"]", "[\"消防救援支队\",\"财政局\"]", "[]"]
    );
    // The schedule reads the added units too (`累计放流鱼苗50万尾`, a running total).
    let milestones = &with["items"][0]["schedule"];
    assert_eq!(milestones[1]["quantities"][0]["unit"], "尾");
    assert_eq!(milestones[1]["quantities"][0]["running"], true);
}

/// A lexicon file that cannot be used is a one-line error naming the file, before any input is
/// read.
#[test]
fn bad_lexicon_files_are_one_line_errors() {
    let dir = std::env::temp_dir().join(format!("taizhang-bad-lexicon-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    for (name, text, says) in [
        ("role.toml", "[headers]\nboss = [\"主抓\"]\n", "headers.boss: unknown role"),
        ("syntax.toml", "[headers\n", "bad.toml"),
        (
            "units.toml",
            "[[units]]\nsurface = \"标段\"\nclass = \"thing\"\n",
            "units `标段`: class is counter, measure, money, percent or noun",
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("written");
        let out = run(&[
            "parse",
            "fixtures/tables/lead-header-zhuzhua.txt",
            "--lexicon",
            path.to_str().expect("utf-8"),
        ]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{name}: {err}");
        assert!(err.contains(name), "{name}: {err}");
        if name != "syntax.toml" {
            assert!(err.contains(says), "{name}: {err}");
        }
    }
    let out =
        run(&["parse", "fixtures/tables/lead-header-zhuzhua.txt", "--lexicon", "no/such.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such.toml"), "{}", stderr(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Whether `text` holds a CJK character (the Chinese messages all do, the English none).
fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// In a Chinese locale the errors people meet are Chinese: a missing file, a damaged one, an
/// export that cannot be written, a lexicon file that cannot be used; `--lang en` makes
/// them English again. Exit codes are the same in both.
#[test]
fn errors_speak_the_users_language() {
    let dir = std::env::temp_dir().join(format!("taizhang-errors-lang-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let lexicon = dir.join("role.toml");
    std::fs::write(&lexicon, "[headers]\nboss = [\"主抓\"]\n").expect("written");
    let lexicon = lexicon.to_str().expect("utf-8").to_owned();
    // A folder where the SQLite database should go, and a file where the CSV folder should.
    let folder = dir.to_str().expect("utf-8").to_owned();
    let file = dir.join("plain.txt");
    std::fs::write(&file, "x").expect("written");
    let file = file.to_str().expect("utf-8").to_owned();
    let seed = "fixtures/seed/plan-2020.docx";
    let cases: Vec<(Vec<&str>, &str, &str, &str)> = vec![
        (
            vec!["read", "missing.docx"],
            "missing.docx",
            "missing.docx：文件或目录不存在",
            "missing.docx: no such file or directory",
        ),
        (
            vec!["parse", "fixtures/bad/legacy.doc"],
            "legacy.doc",
            "已损坏或不完整的 Word 文档",
            "a damaged or cut-short Word document",
        ),
        (
            vec!["export", seed, "--to", "sqlite", "-o", &folder],
            &folder,
            "是文件夹，不是数据库文件",
            "is a folder, not a database file",
        ),
        (
            vec!["export", seed, "--to", "csv", "-o", &file],
            &file,
            "已存在且不是文件夹",
            "exists and is not a folder",
        ),
        (
            vec!["parse", seed, "--lexicon", &lexicon],
            "role.toml",
            "headers.boss：未知的列用途",
            "headers.boss: unknown role",
        ),
    ];
    for (args, names, zh, en) in cases {
        let chinese = run_in_locale("zh_CN.UTF-8", &args);
        let mut english_args = vec!["--lang", "en"];
        english_args.extend(&args);
        let english = run_in_locale("zh_CN.UTF-8", &english_args);
        for (out, says, chinese_text) in [(&chinese, zh, true), (&english, en, false)] {
            let err = stderr(out);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
            assert!(err.contains(names), "{args:?}: {err}");
            assert!(err.contains(says), "{args:?}: {err}");
            assert_eq!(
                has_chinese(err.replace("主抓", "").as_str()),
                chinese_text,
                "{args:?}: {err}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--lang` is known before clap checks the values: a bad `--role` is refused in Chinese too.
#[test]
fn a_bad_role_is_refused_in_the_language_asked_for() {
    let out = run(&["--lang", "zh", "parse", "fixtures/seed/plan-2020.docx", "--role", "3=boss"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("“boss”不是列的用途"), "{}", stderr(&out));
    let out = run_in_locale("zh_CN.UTF-8", &["--lang=en", "parse", "x.docx", "--role", "3=boss"]);
    assert!(stderr(&out).contains("`boss` is no column role"), "{}", stderr(&out));
}

/// The seed with a million blank lines after it: the .txt could make more than 1,000,000
/// cells, so every command that reads it refuses it by default, and `--max-cells` admits it
/// (the blank lines make no rows: the plan is the seed's 111 items).
#[test]
fn max_cells_refuses_by_default_and_the_option_admits() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("max-cells");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let mut text = std::fs::read(root().join("fixtures/seed/plan-2020.txt")).expect("seed");
    text.extend(std::iter::repeat_n(b'\n', 1_000_000));
    let big = dir.join("big.txt");
    std::fs::write(&big, text).expect("write");
    let big = big.to_str().expect("utf-8 path");
    let out_dir = dir.join("csv");
    let out_dir = out_dir.to_str().expect("utf-8 path");
    let commands: [&[&str]; 4] = [
        &["parse", big, "--compact"],
        &["check", big, "--format", "json"],
        &["diff", big, big, "--format", "json"],
        &["export", big, "--to", "csv", "-o", out_dir],
    ];
    for args in commands {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?} refused: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("big.txt") && err.contains("1000000 table cells"), "{args:?}: {err}");
        let raised: Vec<&str> = args.iter().copied().chain(["--max-cells", "2000000"]).collect();
        let out = run(&raised);
        assert_eq!(out.status.code(), Some(0), "{raised:?} admitted: {}", stderr(&out));
    }
    let plan = json(&run(&["parse", big, "--max-cells", "2000000"]));
    assert_eq!(plan["items"].as_array().map(Vec::len), Some(111));
    assert!(dir.join("csv/items.csv").is_file(), "the export wrote its tables");
}

/// A command line clap refuses is refused in Chinese too, on one line that names what was
/// wrong and where help is; English keeps clap's own words. Help itself stays as it is.
#[test]
fn usage_errors_speak_the_users_language() {
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["parse", "x.docx", "--nonsense"],
            "未知的参数“--nonsense”",
            "unexpected argument '--nonsense'",
        ),
        (&["frob"], "未知的命令“frob”", "unrecognized subcommand 'frob'"),
        (&["diff", "a.docx"], "缺少 <NEW>", "<NEW>"),
        (
            &["export", "a.docx", "--to", "pdf", "-o", "x"],
            "“pdf”不是 --to <TO> 的有效值（可用：csv, xlsx, sqlite）",
            "invalid value 'pdf'",
        ),
        (
            &["parse", "x.docx", "--role", "3=boss"],
            "“3=boss”不是 --role <COLUMN=ROLE> 的有效值：“boss”不是列的用途",
            "invalid value '3=boss'",
        ),
    ];
    for (args, zh, en) in cases {
        let out = run_in_locale("zh_CN.UTF-8", args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("taizhang：") && err.contains(zh), "{args:?}: {err}");
        assert!(err.contains("--help"), "{args:?} names where help is: {err}");
        let out = run_in_locale("en_US.UTF-8", args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(en) && !err.contains('“'), "{args:?}: {err}");
    }
    let help = run_in_locale("zh_CN.UTF-8", &["parse", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("Usage: taizhang parse"));
}
