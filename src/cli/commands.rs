//! One function per command: each calls the library, tells what happened through the
//! [`Reporter`] and gives its [`Outcome`].

use super::args::{Command, Format, NewWhat};
use super::calendar;
use super::console::{self, Outcome, Reporter};
use ashyq::diagnostic::{self, Diagnostic};
use ashyq::messages::Message;
use ashyq::{build, check, content, deploy, import, scaffold, serve};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Runs `command` on the site at `root`.
pub fn run(command: Command, root: &Path, report: Reporter) -> Outcome {
    let root = root.to_path_buf();
    match command {
        Command::Build { output, drafts, allow_placeholders } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            run_build(build::BuildOptions { root, output, drafts, allow_placeholders }, report)
        }
        Command::Check { format, today, strict } => {
            run_check(check::CheckOptions { root, today }, format, strict, report)
        }
        Command::New { what: NewWhat::Analysis { year, start, end } } => {
            new_analysis(&scaffold::NewAnalysis { root, year, start, end }, report)
        }
        Command::Calendar { year, format } => calendar::run(year, &root, format, report),
        Command::Import { file, analysis, kind, doc_lang, date, number, title, dry_run, force } => {
            let kind = match kind.as_deref().map(|k| (k, content::Kind::parse(k))) {
                None => None,
                Some((_, Some(k))) => Some(k),
                Some((k, None)) => {
                    let m = Message::BadValue { key: "--kind".into(), detail: k.to_owned() };
                    return report.failed(&Diagnostic::general(m));
                }
            };
            let given = import::Given { analysis, kind, lang: doc_lang, date, number, title };
            run_import(&import::ImportOptions { file, root, given, dry_run, force }, report)
        }
        Command::Init { folder } => match scaffold::init(&folder) {
            Ok(_) => {
                report.say(&Message::SiteCreated { path: diagnostic::display_path(&folder) });
                Outcome::Done
            }
            Err(d) => report.failed(&d),
        },
        Command::Serve { bind, port, open, drafts } => {
            let opts = serve::ServeOptions {
                root,
                bind,
                port,
                open,
                drafts,
                lang: report.lang,
                out: console::out_line,
                err: console::err_line,
                desktop: None,
            };
            match serve::serve(&opts) {
                Ok(()) => Outcome::Done,
                Err(d) => report.failed(&d),
            }
        }
        Command::Deploy {
            url,
            dry_run,
            yes,
            max_deletes,
            dir,
            no_build,
            rescan,
            identity,
            accept_new_host_key,
            insecure,
            allow_placeholders,
            retries,
            parallel,
        } => {
            let dir = dir.unwrap_or_else(|| root.join("public"));
            let retry = deploy::run::Retry { attempts: retries, ..deploy::run::Retry::default() };
            let opts = deploy::DeployOptions {
                root,
                dir,
                build: !no_build,
                url,
                dry_run,
                yes,
                max_deletes,
                rescan,
                insecure,
                accept_new_host_key,
                identity,
                allow_placeholders,
                retry,
                parallel: parallel.map(usize::from),
                lang: report.lang,
                password: None,
            };
            run_deploy(&opts, report)
        }
        Command::Package { output, dir, no_build, allow_placeholders } => {
            let dir = dir.unwrap_or_else(|| root.join("public"));
            let output = output.unwrap_or_else(|| {
                let config = content::load_config(&root).ok();
                PathBuf::from(deploy::package::default_name(config.as_ref(), deploy::package::today()))
            });
            run_package(&PackageArgs { root, dir, build: !no_build, output, allow_placeholders }, report)
        }
    }
}

fn run_build(opts: build::BuildOptions, report: Reporter) -> Outcome {
    let started = Instant::now();
    match build::build(&opts) {
        Ok(mut built) => {
            report.findings(&mut built.warnings);
            let seconds = format!("{:.2}", started.elapsed().as_secs_f64());
            let output = diagnostic::display_path(&opts.output);
            report.say(&Message::Built { pages: built.pages, files: built.files, output, seconds });
            Outcome::Done
        }
        Err(mut diags) => {
            let errors = diags.iter().filter(|d| d.is_error()).count();
            let warnings = diags.len() - errors;
            report.findings(&mut diags);
            report.say(&Message::BuildFailed { errors, warnings });
            Outcome::Failed
        }
    }
}

fn run_check(opts: check::CheckOptions, format: Format, strict: bool, report: Reporter) -> Outcome {
    let found = check::check(&opts);
    match format {
        Format::Text => console::out(&found.text(report.lang)),
        Format::Json => console::out(&found.json(report.lang)),
    }
    let failed = found.errors() > 0 || (strict && found.warnings() > 0);
    if failed { Outcome::Findings } else { Outcome::Done }
}

fn new_analysis(opts: &scaffold::NewAnalysis, report: Reporter) -> Outcome {
    let created = match scaffold::new_analysis(opts) {
        Ok(created) => created,
        Err(d) => return report.failed(&d),
    };
    report.say(&Message::AnalysisCreated { path: diagnostic::display_path(&created.path), files: created.files });
    if let Some(from) = created.facts_from {
        report.say(&Message::AnalysisFactsFrom { path: format!("content/{from}") });
    }
    if let Some((from, rows, review)) = created.plan_from {
        report.say(&Message::AnalysisPlanFrom { path: format!("content/{from}"), rows, review });
    }
    report.say(&Message::AnalysisNextSteps);
    let mut uncovered: Vec<Diagnostic> = created
        .uncovered_years
        .into_iter()
        .map(|year| Diagnostic::warning(None, None, Message::CalendarNotCovered { year }))
        .collect();
    report.findings(&mut uncovered);
    Outcome::Done
}

fn run_import(opts: &import::ImportOptions, report: Reporter) -> Outcome {
    match import::import(opts) {
        Ok(done) => {
            for note in &done.notes {
                report.say(note);
            }
            for w in &done.warnings {
                console::err_line(&w.render(report.lang));
            }
            if opts.dry_run {
                console::out(&done.text);
            } else {
                for pic in done.pictures.iter().filter(|p| !p.exists) {
                    report.say(&Message::ImportPictureWritten { path: diagnostic::display_path(&pic.path) });
                }
                report.say(&Message::ImportWritten { path: diagnostic::display_path(&done.path) });
            }
            Outcome::Done
        }
        Err(mut diags) => report.failed_with(&mut diags),
    }
}

fn run_deploy(opts: &deploy::DeployOptions, report: Reporter) -> Outcome {
    let mut progress = deploy::progress::stderr(report.lang, console::err_line);
    match deploy::deploy(opts, progress.as_mut()) {
        Ok(mut done) => {
            report.findings(&mut done.warnings);
            report.say(&Message::DeployDone {
                uploaded: done.uploaded,
                unchanged: done.unchanged,
                deleted: done.deleted,
                bytes: done.bytes,
                seconds: format!("{:.1}", done.seconds),
            });
            Outcome::Done
        }
        Err(mut failure) => {
            report.findings(&mut failure.diagnostics);
            if failure.partial {
                report.say(&Message::DeployFailed);
            }
            Outcome::Failed
        }
    }
}

/// What `ashyq package` is asked to do.
struct PackageArgs {
    root: PathBuf,
    dir: PathBuf,
    build: bool,
    output: PathBuf,
    allow_placeholders: bool,
}

fn run_package(args: &PackageArgs, report: Reporter) -> Outcome {
    let PackageArgs { root, dir, build, output, allow_placeholders } = args;
    // Refused before the build, so that neither public/ nor the zip is touched.
    match deploy::placeholders(root, *allow_placeholders) {
        Ok(mut listed) => report.findings(&mut listed),
        Err(mut refused) => return report.failed_with(&mut refused),
    }
    if *build {
        // Refused above unless allowed: the build publishes what was allowed there.
        let opts = build::BuildOptions {
            root: root.clone(),
            output: dir.clone(),
            drafts: false,
            allow_placeholders: *allow_placeholders,
        };
        match build::build(&opts) {
            Ok(mut built) => {
                // Places to fill in are listed above already.
                built.warnings.retain(|d| !content::placeholders::is_placeholder(d));
                report.findings(&mut built.warnings);
            }
            Err(mut diags) => return report.failed_with(&mut diags),
        }
    } else if !dir.join(ashyq::output::MARKER).is_file() {
        return report.failed(&Diagnostic::general(Message::NotABuiltSite { path: diagnostic::display_path(dir) }));
    }
    match deploy::package::package(dir, output) {
        Ok(p) => {
            let path = diagnostic::display_path(output);
            report.say(&Message::Packaged { path, files: p.files, bytes: p.bytes });
            Outcome::Done
        }
        Err(d) => report.failed(&d),
    }
}
