//! Numbers across the schedule: running totals that fall, totals and increments that miss
//! the goal, goal amounts the schedule never mentions.
//!
//! # How a row's numbers are read
//!
//! 1. Every milestone quantity is a *mention*, with the clause around it ([`Context`]) and a
//!    running-total cue (the quantity's `running`: 累计, 合计, or 共 before a verb or the number).
//! 2. Within one topic group whose periods follow each other, mentions of the same unit are
//!    chained into *series*, milestone after milestone: a mention joins the series whose
//!    last mention has the most similar clause and a compatible object (`停车设施` and
//!    `停车设施场地` are compatible, `母婴室` and `爱心妈妈小屋` are not). A row may hold several
//!    interleaved series; a mention that fits none starts a new one.
//! 3. A goal quantity *agrees* with the schedule when a mention of the same unit and object
//!    states the same amount (the last running total, or a restatement), or when a series
//!    adds up to it. The series it agrees with is used up.
//! 4. What is left is compared: the last running total against the goal
//!    ([`codes::SERIES_FINAL_MISMATCH`]), or, for a series without running-total cues that
//!    covers the whole year, both its sum and its last amount ([`codes::SERIES_SUM_MISMATCH`]):
//!    when neither reading gives the goal, the plan contradicts itself.
//!
//! Only a clean reading gives an error: one series of that unit and object (or a clear best
//! by clause), plain amounts (`eq`) on both sides, objects that are the same or unnamed on
//! every side. Anything else (`不少于`, `约`, a range, a close second candidate) is a warning
//! or nothing.

use taizhang_model::check::{EvidenceQuantity, Finding, QuantitySource, Severity};
use taizhang_model::{Cmp, Item, Quantity, UnitKind};

use crate::amount::{describe, format_amount, near, same};
use crate::context::{level_words, object_match, Context, ObjectMatch};
use crate::schedule::{place, quarters, Group};
use crate::{codes, Findings};
use taizhang_i18n::{tr, Lang};

/// A milestone's clause must be at least this similar to a series' to join it when there is
/// a choice.
const MIN_SIMILARITY: f64 = 0.25;

/// Two choices closer than this are a tie: the reading is ambiguous.
const TIE: f64 = 0.15;

/// One quantity of the schedule.
#[derive(Debug)]
struct Mention<'a> {
    milestone: usize,
    q: &'a Quantity,
    ctx: Context,
    /// Marked as a running total (the parser's `running`: 累计, 合计, or a 共 cue).
    running: bool,
}

/// One quantity of the goal.
#[derive(Debug)]
struct GoalQuantity<'a> {
    q: &'a Quantity,
    ctx: Context,
    /// States a level reached (`达445个`) rather than an amount done in the year.
    level: bool,
}

#[derive(Debug, Clone, Copy)]
struct Member {
    mention: usize,
    /// Another series was nearly as good a home for this mention.
    ambiguous: bool,
}

/// Mentions of one unit, one per milestone, read as one series.
#[derive(Debug)]
struct Series {
    unit: String,
    /// The first object any member names.
    object: Option<String>,
    members: Vec<Member>,
    used: bool,
}

/// Checks the numbers of one item.
pub(crate) fn check(
    item: &Item,
    groups: &[Group<'_>],
    goal_column: Option<usize>,
    schedule_column: Option<usize>,
    findings: &mut Findings,
) {
    let mentions: Vec<Mention<'_>> = item
        .schedule
        .iter()
        .enumerate()
        .flat_map(|(milestone, m)| {
            // A value that is not a finite number (only a plan built in code can hold one)
            // compares with nothing.
            m.quantities.iter().filter(|q| finite(q)).map(move |q| {
                let ctx = Context::of(&m.text, q);
                Mention { milestone, q, ctx, running: q.running || q.cumulative }
            })
        })
        .collect();
    let mut series = Vec::new();
    for group in groups.iter().filter(|g| g.ordered) {
        build_series(group, &mentions, &mut series);
    }
    for s in &series {
        decreasing(item, s, &mentions, schedule_column, findings);
    }

    let goals: Vec<GoalQuantity<'_>> = item
        .goal
        .quantities
        .iter()
        .filter(|q| q.unit.is_some() && finite(q))
        .map(|q| {
            let ctx = Context::of(&item.goal.text, q);
            let level = q.cumulative || ctx.level_cue() || level_words(&q.text);
            GoalQuantity { q, ctx, level }
        })
        .collect();
    if item.schedule.iter().all(|m| m.text.trim().is_empty()) {
        // Nothing scheduled at all: every goal amount would be "unmentioned", which says
        // nothing the empty cell does not say already.
        return;
    }

    // First pass: goals the schedule agrees with use up their series, so that a second goal
    // in the same unit (`新建45个` and `达445个`) is not compared with a series already
    // explained.
    let mut open = Vec::new();
    for g in &goals {
        let same_unit: Vec<usize> = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.q.unit == g.q.unit)
            .map(|(i, _)| i)
            .collect();
        // The same amount in the same unit is the goal restated, whatever object the
        // extractor found around each (`16座列入上级…填埋场` and `16座填埋场`).
        let restated = g.q.value.and_then(|goal| {
            same_unit.iter().copied().find(|&i| {
                mentions.get(i).is_some_and(|m| states(m.q, goal) || roughly_states(m.q, g.q))
            })
        });
        let related =
            same_unit.iter().any(|&i| mentions.get(i).is_some_and(|m| compatible(g.q, m.q)));
        if restated.is_none() && !related {
            let finding = unscheduled(findings.lang, item, g, goal_column);
            findings.push(finding);
            continue;
        }
        if g.q.value.is_none() {
            continue;
        }
        if let Some(agreeing) = restated {
            if let Some(s) =
                series.iter_mut().find(|s| s.members.iter().any(|m| m.mention == agreeing))
            {
                s.used = true;
            }
            continue;
        }
        let sums = series.iter_mut().find(|s| {
            !s.used
                && Some(&s.unit) == g.q.unit.as_ref()
                && all_compatible(s, g.q, &mentions)
                && series_agrees(s, &mentions, g.q)
        });
        if let Some(s) = sums {
            s.used = true;
            continue;
        }
        open.push(g);
    }

    for g in open {
        if g.ctx.whole_project_cue() {
            // `总投资100亿元`: the year does a part of it; nothing to compare.
            continue;
        }
        compare(item, g, &goals, &mut series, &mentions, schedule_column, findings);
    }
}

fn finite(q: &Quantity) -> bool {
    [q.value, q.min, q.max].iter().flatten().all(|x| x.is_finite())
}

/// Chains the mentions of a group's milestones into series.
fn build_series(group: &Group<'_>, mentions: &[Mention<'_>], out: &mut Vec<Series>) {
    let first_new = out.len();
    for &milestone in &group.periods {
        let here: Vec<usize> = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.milestone == milestone && m.q.unit.is_some())
            .map(|(i, _)| i)
            .collect();
        // Every (mention, series) pair that could go together, best first.
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for &mi in &here {
            let Some(m) = mentions.get(mi) else { continue };
            for (si, s) in out.iter().enumerate().skip(first_new) {
                if Some(&s.unit) != m.q.unit.as_ref() || !fits(s, m) {
                    continue;
                }
                let score = s
                    .members
                    .iter()
                    .filter_map(|member| mentions.get(member.mention))
                    .map(|other| other.ctx.similarity(&m.ctx))
                    .fold(0.0, f64::max);
                pairs.push((score, mi, si));
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut taken_mentions: Vec<usize> = Vec::new();
        let mut taken_series: Vec<usize> = Vec::new();
        for &(score, mi, si) in &pairs {
            if taken_mentions.contains(&mi) || taken_series.contains(&si) {
                continue;
            }
            let rivals_for_mention =
                pairs.iter().filter(|p| p.1 == mi && p.2 != si && !taken_series.contains(&p.2));
            let rivals_for_series =
                pairs.iter().filter(|p| p.2 == si && p.1 != mi && !taken_mentions.contains(&p.1));
            let rival = rivals_for_mention.chain(rivals_for_series).map(|p| p.0).fold(None, max);
            let alone = rival.is_none();
            if score < MIN_SIMILARITY && !alone {
                continue;
            }
            // A mention joined only for want of another series, with a clause unlike the
            // series' own (`完成3个方案的编制` after `建成2个站点`), may be something else.
            let ambiguous = rival.is_some_and(|r| score - r < TIE) || score < MIN_SIMILARITY;
            if let Some(s) = out.get_mut(si) {
                s.members.push(Member { mention: mi, ambiguous });
                if s.object.is_none() {
                    s.object = mentions.get(mi).and_then(|m| m.q.object.clone());
                }
            }
            taken_mentions.push(mi);
            taken_series.push(si);
        }
        for &mi in &here {
            if taken_mentions.contains(&mi) {
                continue;
            }
            let Some(m) = mentions.get(mi) else { continue };
            let Some(unit) = m.q.unit.clone() else { continue };
            out.push(Series {
                unit,
                object: m.q.object.clone(),
                members: vec![Member { mention: mi, ambiguous: false }],
                used: false,
            });
        }
    }
}

fn max(acc: Option<f64>, x: f64) -> Option<f64> {
    Some(acc.map_or(x, |a| a.max(x)))
}

/// A mention may join a series: its object is not unrelated to any member's.
fn fits(s: &Series, m: &Mention<'_>) -> bool {
    object_match(s.object.as_deref(), m.q.object.as_deref()) != ObjectMatch::Different
}

fn compatible(a: &Quantity, b: &Quantity) -> bool {
    object_match(a.object.as_deref(), b.object.as_deref()) != ObjectMatch::Different
}

fn all_compatible(s: &Series, g: &Quantity, mentions: &[Mention<'_>]) -> bool {
    s.members.iter().filter_map(|m| mentions.get(m.mention)).all(|m| compatible(g, m.q))
}

/// The objects on every side are the same, or unnamed on every side.
fn objects_clean(s: &Series, g: &Quantity, mentions: &[Mention<'_>]) -> bool {
    let members = s.members.iter().filter_map(|m| mentions.get(m.mention));
    let mut kinds = members.map(|m| object_match(g.object.as_deref(), m.q.object.as_deref()));
    let first = kinds.next();
    matches!(first, Some(ObjectMatch::Same | ObjectMatch::BothUnnamed))
        && kinds.all(|k| Some(k) == first)
}

/// The mention states exactly `goal` (a plain amount, or a range holding it).
fn states(q: &Quantity, goal: f64) -> bool {
    match (q.value, q.min, q.max) {
        (Some(v), _, _) => same(v, goal),
        (None, Some(lo), Some(hi)) => lo <= goal && goal <= hi,
        _ => false,
    }
}

/// Either side is an estimate (`约`, `左右`) and the two are within 10%: used only to
/// explain a goal away, never to blame.
fn roughly_states(m: &Quantity, g: &Quantity) -> bool {
    match (m.value, g.cmp) {
        (Some(v), Cmp::Approx) => g.value.is_some_and(|goal| near(v, goal)),
        (Some(v), _) if m.cmp == Cmp::Approx => g.value.is_some_and(|goal| near(v, goal)),
        _ => false,
    }
}

/// The amounts a quantity allows: `eq` one point, `ge` and `le` half-lines, `approx` ±10%,
/// a range its bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Span {
    lo: f64,
    hi: f64,
}

impl Span {
    fn of(q: &Quantity) -> Option<Span> {
        let span = match (q.cmp, q.value) {
            (Cmp::Eq, Some(v)) => Span { lo: v, hi: v },
            (Cmp::Ge, Some(v)) => Span { lo: v, hi: f64::INFINITY },
            (Cmp::Le, Some(v)) => Span { lo: f64::NEG_INFINITY, hi: v },
            (Cmp::Approx, Some(v)) => {
                let (a, b) = (v * 0.9, v * 1.1);
                Span { lo: a.min(b), hi: a.max(b) }
            }
            _ => Span { lo: q.min?, hi: q.max? },
        };
        (span.lo <= span.hi).then_some(span)
    }

    /// The two spans share an amount (up to float noise).
    fn meets(self, other: Span) -> bool {
        (self.lo <= other.hi || same(self.lo, other.hi))
            && (other.lo <= self.hi || same(other.lo, self.hi))
    }
}

/// A span for a message: `180个`, `at least 20个`, `18-22个`.
fn describe_span(lang: Lang, span: Span, unit: Option<&str>) -> String {
    if same(span.lo, span.hi) {
        format_amount(span.lo, unit)
    } else if span.hi.is_infinite() {
        tr!(lang, "amount.ge", amount = format_amount(span.lo, unit))
    } else if span.lo.is_infinite() {
        tr!(lang, "amount.le", amount = format_amount(span.hi, unit))
    } else {
        format!("{}-{}", crate::amount::format_value(span.lo), format_amount(span.hi, unit))
    }
}

/// The amounts the sum of a series allows.
fn total(s: &Series, mentions: &[Mention<'_>]) -> Option<Span> {
    let mut sum = Span { lo: 0.0, hi: 0.0 };
    for member in &s.members {
        let span = Span::of(mentions.get(member.mention)?.q)?;
        sum = Span { lo: sum.lo + span.lo, hi: sum.hi + span.hi };
    }
    Some(sum)
}

/// The series, read as it reads itself, meets the goal: running totals by their last amount;
/// increments by their sum (or by their last amount, the year's total restated).
fn series_agrees(s: &Series, mentions: &[Mention<'_>], g: &Quantity) -> bool {
    let members: Vec<&Mention<'_>> =
        s.members.iter().filter_map(|m| mentions.get(m.mention)).collect();
    let last = members.last().and_then(|m| Span::of(m.q));
    let final_agrees = last.is_some_and(|span| agrees(span, g));
    if members.iter().any(|m| m.running) {
        final_agrees
    } else {
        final_agrees || total(s, mentions).is_some_and(|sum| agrees(sum, g))
    }
}

/// What the quantity's unit measures: the parser's `kind`; for a plan written before the
/// field existed, the unit table's kind of its unit.
fn kind_of(q: &Quantity) -> Option<UnitKind> {
    q.kind.or_else(|| q.unit.as_deref().and_then(|u| taizhang_lexicon::builtin().unit_kind(u)))
}

/// Amounts of this kind add up: counts, people, money, lengths, areas, masses, energy.
/// Rates, ages, durations, ratios, grades and levels do not (`60%` + `70%` is no amount of
/// anything); a quantity without a unit is no amount either.
fn summable(kind: Option<UnitKind>) -> bool {
    use UnitKind::*;
    kind.is_some_and(|k| {
        !matches!(k, Percent | Time | Age | Ratio | Score | Temperature | Voltage | Sound)
    })
}

/// The amount or amounts `span` allows meet the goal quantity as its comparison reads.
fn agrees(span: Span, g: &Quantity) -> bool {
    Span::of(g).is_some_and(|goal| span.meets(goal))
}

/// Compares a goal quantity nothing agreed with against the series left for it.
fn compare(
    item: &Item,
    g: &GoalQuantity<'_>,
    goals: &[GoalQuantity<'_>],
    series: &mut [Series],
    mentions: &[Mention<'_>],
    column: Option<usize>,
    findings: &mut Findings,
) {
    if g.q.value.is_none() {
        return;
    }
    let candidates: Vec<usize> = series
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            !s.used && Some(&s.unit) == g.q.unit.as_ref() && all_compatible(s, g.q, mentions)
        })
        .map(|(i, _)| i)
        .collect();
    // Pick the series whose clauses are most like the goal's.
    let mut scored: Vec<(f64, usize)> = candidates
        .iter()
        .filter_map(|&i| series.get(i).map(|s| (i, s)))
        .map(|(i, s)| {
            let score = s
                .members
                .iter()
                .filter_map(|m| mentions.get(m.mention))
                .map(|m| m.ctx.similarity(&g.ctx))
                .fold(0.0, f64::max);
            (score, i)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let Some(&(best, chosen)) = scored.first() else { return };
    let tie = scored.get(1).is_some_and(|(second, _)| best - second < TIE);
    if scored.len() > 1 && best < MIN_SIMILARITY {
        return;
    }
    let Some(s) = series.get_mut(chosen) else { return };
    s.used = true;
    let s: &Series = s;
    let members: Vec<&Mention<'_>> =
        s.members.iter().filter_map(|m| mentions.get(m.mention)).collect();
    let (Some(first), Some(last)) = (members.first(), members.last()) else { return };
    if members.iter().any(|m| m.q.value.is_none() || m.q.cmp == Cmp::Range) {
        return;
    }
    let same_unit_goals =
        goals.iter().filter(|other| other.q.unit == g.q.unit && compatible(other.q, g.q)).count();
    let clean = !tie
        && s.members.iter().all(|m| !m.ambiguous)
        && objects_clean(s, g.q, mentions)
        && (same_unit_goals == 1 || best >= 0.5)
        && g.q.cmp == Cmp::Eq
        && members.iter().all(|m| m.q.cmp == Cmp::Eq);
    // A rate or a threshold (`85%`, `18岁`) is mostly a level: the last one is what the
    // year reaches.
    let rate = !summable(kind_of(g.q));
    let running = rate || members.iter().any(|m| m.running);
    let periods: Vec<(u8, u8)> =
        members.iter().filter_map(|m| item.schedule.get(m.milestone).and_then(quarters)).collect();
    let ends_year = periods.last().is_some_and(|(_, e)| *e == 4);
    let whole_year = covers_year(&periods);
    let unit = g.q.unit.as_deref();

    if running {
        if !ends_year {
            return;
        }
        let Some(final_span) = Span::of(last.q) else { return };
        if agrees(final_span, g.q) {
            return;
        }
        // Rates without a cue may still be shares of the year's task (`一季度完成10%`, …,
        // adding up to 100%): that reading is allowed too.
        let uncued = !members.iter().any(|m| m.running);
        if rate && uncued && total(s, mentions).is_some_and(|sum| agrees(sum, g.q)) {
            return;
        }
        // The last amount is a total when it says so, or when the series is marked running
        // earlier and never falls (`共完成20个`, `30个`, `40个`). Bounds and estimates that
        // miss the goal are warnings: `clean` holds only for plain amounts on both sides.
        let rising = members.windows(2).all(|w| match w {
            [a, b] => a.q.value.zip(b.q.value).is_some_and(|(x, y)| y >= x),
            _ => true,
        });
        // A level (`达445个`) may count what existed before the year while the running total
        // counts the year's work (`累计新建45个`): unless the schedule states a level too
        // (`累计达到400个`), the two need not agree.
        let severity = if rate {
            // A quarter's rate may be that quarter's alone (`一季度完成率25%`): never certain.
            Severity::Warning
        } else if g.level {
            if last.ctx.level_cue() || level_words(&last.q.text) {
                Severity::Warning
            } else {
                Severity::Info
            }
        } else if clean && (last.running || rising) {
            Severity::Error
        } else {
            Severity::Warning
        };
        let place_last =
            item.schedule.get(last.milestone).map(|m| place(findings.lang, m)).unwrap_or_default();
        findings.push(Finding {
            row: Some(item.row),
            column,
            severity,
            code: codes::SERIES_FINAL_MISMATCH.to_owned(),
            message: tr!(
                findings.lang,
                "series/final-mismatch",
                what = if rate && !last.running {
                    tr!(findings.lang, "series/final-mismatch.value")
                } else {
                    tr!(findings.lang, "series/final-mismatch.running")
                },
                place = place_last,
                last = describe(findings.lang, last.q),
                goal = describe(findings.lang, g.q)
            ),
            evidence: evidence(findings.lang, item, Some(g), &members),
            quantities: quantities(item, Some(g.q), &members),
            related_rows: Vec::new(),
        });
        return;
    }

    if g.level || members.len() < 2 || !whole_year {
        // A level reached (`达445个`) is not a sum of the year's increments; a series that
        // leaves periods without amounts may finish in them (`四季度，全面完成`).
        return;
    }
    // Read as increments, the series allows the sum of its spans; read as running totals,
    // its last span. Only when neither meets the goal does the plan contradict itself.
    let (Some(sum), Some(final_span)) = (total(s, mentions), Span::of(last.q)) else { return };
    if agrees(sum, g.q) || agrees(final_span, g.q) {
        return;
    }
    let severity = if clean { Severity::Error } else { Severity::Warning };
    let terms: Vec<String> =
        members.iter().filter_map(|m| m.q.value).map(crate::amount::format_value).collect();
    let first_place =
        item.schedule.get(first.milestone).map(|m| place(findings.lang, m)).unwrap_or_default();
    let last_place =
        item.schedule.get(last.milestone).map(|m| place(findings.lang, m)).unwrap_or_default();
    findings.push(Finding {
        row: Some(item.row),
        column,
        severity,
        code: codes::SERIES_SUM_MISMATCH.to_owned(),
        message: tr!(
            findings.lang,
            "series/sum-mismatch",
            first = first_place,
            last = last_place,
            sum = describe_span(findings.lang, sum, unit),
            terms = terms.join(" + "),
            final = describe(findings.lang, last.q),
            goal = describe(findings.lang, g.q)
        ),
        evidence: evidence(findings.lang, item, Some(g), &members),
        quantities: quantities(item, Some(g.q), &members),
        related_rows: Vec::new(),
    });
}

/// The periods, taken together, cover quarters 1 to 4 without a gap.
fn covers_year(periods: &[(u8, u8)]) -> bool {
    let mut covered = [false; 4];
    for &(s, e) in periods {
        for q in s..=e {
            if let Some(slot) = covered.get_mut(usize::from(q).wrapping_sub(1)) {
                *slot = true;
            }
        }
    }
    covered.iter().all(|c| *c)
}

/// A running total that falls from one milestone to the next.
fn decreasing(
    item: &Item,
    s: &Series,
    mentions: &[Mention<'_>],
    column: Option<usize>,
    findings: &mut Findings,
) {
    for (index, pair) in s.members.windows(2).enumerate() {
        let [ma, mb] = pair else { continue };
        let (Some(a), Some(b)) = (mentions.get(ma.mention), mentions.get(mb.mention)) else {
            continue;
        };
        // Once a series is marked as running (`共完成20个`), the amounts after it read as
        // totals too (`30个`, `40个`); only their own cue makes a fall certain.
        let running_before = s
            .members
            .get(..=index)
            .unwrap_or_default()
            .iter()
            .filter_map(|m| mentions.get(m.mention))
            .any(|m| m.running);
        if !b.running && !running_before {
            continue;
        }
        let (Some(va), Some(vb)) = (a.q.value, b.q.value) else { continue };
        if a.q.cmp == Cmp::Range || b.q.cmp == Cmp::Range || vb >= va || same(va, vb) {
            continue;
        }
        let plain = a.q.cmp == Cmp::Eq && b.q.cmp == Cmp::Eq;
        if !plain && near(va, vb) {
            continue;
        }
        // Whatever the earlier amount is (an increment or a total), it cannot exceed a later
        // running total of the same thing: the only doubt is whether it is the same thing.
        let same_thing = matches!(
            object_match(a.q.object.as_deref(), b.q.object.as_deref()),
            ObjectMatch::Same | ObjectMatch::BothUnnamed
        ) && (a.running || index == 0);
        let severity = if plain && same_thing && b.running && !ma.ambiguous && !mb.ambiguous {
            Severity::Error
        } else {
            Severity::Warning
        };
        let (pa, pb) = (
            item.schedule.get(a.milestone).map(|m| place(findings.lang, m)).unwrap_or_default(),
            item.schedule.get(b.milestone).map(|m| place(findings.lang, m)).unwrap_or_default(),
        );
        findings.push(Finding {
            row: Some(item.row),
            column,
            severity,
            code: codes::SERIES_DECREASING.to_owned(),
            message: tr!(
                findings.lang,
                "series/decreasing",
                a = describe(findings.lang, a.q),
                pa = pa,
                b = describe(findings.lang, b.q),
                pb = pb
            ),
            evidence: evidence(findings.lang, item, None, &[a, b]),
            quantities: quantities(item, None, &[a, b]),
            related_rows: Vec::new(),
        });
    }
}

/// A goal quantity no milestone mentions in its unit and object.
fn unscheduled(lang: Lang, item: &Item, g: &GoalQuantity<'_>, column: Option<usize>) -> Finding {
    Finding {
        row: Some(item.row),
        column,
        severity: Severity::Info,
        code: codes::GOAL_UNSCHEDULED.to_owned(),
        message: tr!(
            lang,
            "goal/unscheduled",
            unit = g.q.unit.as_deref().unwrap_or(tr!(lang, "goal/unscheduled.no-unit")),
            text = g.q.text
        ),
        evidence: vec![tr!(lang, "evidence.goal", text = clause(&g.ctx, g.q))],
        quantities: quantities(item, Some(g.q), &[]),
        related_rows: Vec::new(),
    }
}

/// The goal's and the members' clauses, each with where it stands.
fn evidence(
    lang: Lang,
    item: &Item,
    goal: Option<&GoalQuantity<'_>>,
    members: &[&Mention<'_>],
) -> Vec<String> {
    let mut out: Vec<String> =
        goal.map(|g| tr!(lang, "evidence.goal", text = clause(&g.ctx, g.q))).into_iter().collect();
    for m in members {
        let at = item.schedule.get(m.milestone).map(|m| place(lang, m)).unwrap_or_default();
        out.push(tr!(lang, "evidence.at", place = at, text = clause(&m.ctx, m.q)));
    }
    out
}

/// The quantity with the words around it in its clause (`年内完成城镇新增就业8.8万人`).
fn clause(ctx: &Context, q: &Quantity) -> String {
    format!("{}{}{}", ctx.left, q.text, ctx.right)
}

fn quantities(
    item: &Item,
    goal: Option<&Quantity>,
    members: &[&Mention<'_>],
) -> Vec<EvidenceQuantity> {
    let mut out: Vec<EvidenceQuantity> = goal
        .map(|g| evidence_quantity(g, QuantitySource::Goal, None, None, None))
        .into_iter()
        .collect();
    for m in members {
        let milestone = item.schedule.get(m.milestone);
        out.push(evidence_quantity(
            m.q,
            QuantitySource::Milestone,
            Some(m.milestone),
            milestone.and_then(|x| x.label.clone()),
            milestone.and_then(|x| x.topic.clone()),
        ));
    }
    out
}

pub(crate) fn evidence_quantity(
    q: &Quantity,
    source: QuantitySource,
    milestone: Option<usize>,
    label: Option<String>,
    topic: Option<String>,
) -> EvidenceQuantity {
    EvidenceQuantity {
        source,
        milestone,
        label,
        topic,
        text: q.text.clone(),
        value: q.value,
        min: q.min,
        max: q.max,
        unit: q.unit.clone(),
        cmp: q.cmp,
        cumulative: q.cumulative,
        object: q.object.clone(),
    }
}
