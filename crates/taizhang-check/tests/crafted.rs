//! The checker on crafted rows: one case per phenomenon, each with the findings it must give
//! (code and severity), and one snapshot holding every case's report.

mod common;

use common::*;
use taizhang_model::check::Severity::{self, Error, Info, Warning};
use taizhang_model::{Cmp, Item};

struct Case {
    name: &'static str,
    items: Vec<Item>,
    expect: Vec<(&'static str, Severity)>,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            // The seed's 莞番高速 row: the last running total is the goal.
            name: "running-total-agrees",
            items: vec![item(
                14,
                goal("莞番高速完成投资30亿元。", vec![q("完成投资30亿元", 3e9, "元").object("投资")]),
                vec![
                    ms("一季度", "完成投资2.5亿元。", vec![q("完成投资2.5亿元", 2.5e8, "元").object("投资")]),
                    ms("二季度", "累计完成投资9亿元。", vec![q("累计完成投资9亿元", 9e8, "元").object("投资")]),
                    ms("三季度", "累计完成投资17.5亿元。", vec![q("累计完成投资17.5亿元", 1.75e9, "元").object("投资")]),
                    ms("四季度", "累计完成投资30亿元。", vec![q("累计完成投资30亿元", 3e9, "元").object("投资")]),
                ],
            )],
            expect: vec![],
        },
        Case {
            name: "running-total-misses-goal",
            items: vec![item(
                14,
                goal("莞番高速完成投资30亿元。", vec![q("完成投资30亿元", 3e9, "元").object("投资")]),
                vec![
                    ms("一季度", "完成投资2.5亿元。", vec![q("完成投资2.5亿元", 2.5e8, "元").object("投资")]),
                    ms("二季度", "累计完成投资9亿元。", vec![q("累计完成投资9亿元", 9e8, "元").object("投资")]),
                    ms("三季度", "累计完成投资17.5亿元。", vec![q("累计完成投资17.5亿元", 1.75e9, "元").object("投资")]),
                    ms("四季度", "累计完成投资28亿元。", vec![q("累计完成投资28亿元", 2.8e9, "元").object("投资")]),
                ],
            )],
            expect: vec![("series/final-mismatch", Error)],
        },
        Case {
            // Q1 has no 累计 but opens the running series: 2.5万 then a total of 2万 cannot be.
            name: "running-total-falls",
            items: vec![item(
                3,
                goal("“慧眼”视频新增4万路。", vec![q("4万路", 4e4, "路")]),
                vec![
                    ms("一季度", "完成5000路建设。", vec![q("5000路", 5e3, "路")]),
                    ms("二季度", "累计完成2.5万路建设。", vec![q("累计完成2.5万路", 2.5e4, "路")]),
                    ms("三季度", "累计完成2万路建设。", vec![q("累计完成2万路", 2e4, "路")]),
                    ms("四季度", "累计完成4万路建设。", vec![q("累计完成4万路", 4e4, "路")]),
                ],
            )],
            expect: vec![("series/decreasing", Error)],
        },
        Case {
            // The example: 2万 + 2.3万 + 2.3万 + 2.2万 = 8.8万人.
            name: "increments-agree",
            items: vec![item(
                72,
                goal("年内完成城镇新增就业8.8万人。", vec![q("8.8万人", 8.8e4, "人")]),
                vec![
                    ms("一季度", "完成城镇新增就业2万人。", vec![q("2万人", 2e4, "人")]),
                    ms("二季度", "完成城镇新增就业2.3万人。", vec![q("2.3万人", 2.3e4, "人")]),
                    ms("三季度", "完成城镇新增就业2.3万人。", vec![q("2.3万人", 2.3e4, "人")]),
                    ms("四季度", "完成城镇新增就业2.2万人。", vec![q("2.2万人", 2.2e4, "人")]),
                ],
            )],
            expect: vec![],
        },
        Case {
            name: "increments-miss-goal",
            items: vec![item(
                72,
                goal("年内完成城镇新增就业8.8万人。", vec![q("8.8万人", 8.8e4, "人")]),
                vec![
                    ms("一季度", "完成城镇新增就业2万人。", vec![q("2万人", 2e4, "人")]),
                    ms("二季度", "完成城镇新增就业2.3万人。", vec![q("2.3万人", 2.3e4, "人")]),
                    ms("三季度", "完成城镇新增就业2.3万人。", vec![q("2.3万人", 2.3e4, "人")]),
                    ms("四季度", "完成城镇新增就业2.1万人。", vec![q("2.1万人", 2.1e4, "人")]),
                ],
            )],
            expect: vec![("series/sum-mismatch", Error)],
        },
        Case {
            // Three series in 人 in every quarter, told apart by their clauses; each adds up.
            name: "interleaved-series-agree",
            items: vec![interleaved(500.0)],
            expect: vec![],
        },
        Case {
            // The same, with one quarter of the middle series short: only that series is wrong.
            name: "interleaved-series-one-misses",
            items: vec![interleaved(400.0)],
            expect: vec![("series/sum-mismatch", Error)],
        },
        Case {
            // 共 marks a running total without 累计: 20 → 30 → 40 ends at the goal.
            name: "running-by-gong-agrees",
            items: vec![item(
                104,
                goal("围绕40个“一件事”目录清单。", vec![q("40个", 40.0, "个")]),
                vec![
                    ms("一季度", "开展调研和协调。", vec![]),
                    ms("二季度", "共完成20个“一件事”主题服务。", vec![q("20个", 20.0, "个").running()]),
                    ms("三季度", "共完成30个“一件事”主题服务。", vec![q("30个", 30.0, "个").running()]),
                    ms("四季度", "共完成40个“一件事”主题服务。", vec![q("40个", 40.0, "个").running()]),
                ],
            )],
            expect: vec![],
        },
        Case {
            name: "running-by-gong-misses-goal",
            items: vec![item(
                104,
                goal("围绕50个“一件事”目录清单。", vec![q("50个", 50.0, "个")]),
                vec![
                    ms("一季度", "开展调研和协调。", vec![]),
                    ms("二季度", "共完成20个“一件事”主题服务。", vec![q("20个", 20.0, "个").running()]),
                    ms("三季度", "共完成30个“一件事”主题服务。", vec![q("30个", 30.0, "个").running()]),
                    ms("四季度", "共完成40个“一件事”主题服务。", vec![q("40个", 40.0, "个").running()]),
                ],
            )],
            expect: vec![("series/final-mismatch", Error)],
        },
        Case {
            // 共 on the first amount only: the later ones read as totals too, but without
            // their own cue a fall is a warning, not an error.
            name: "running-by-gong-falls-uncued",
            items: vec![item(
                104,
                goal("围绕30个“一件事”目录清单。", vec![q("30个", 30.0, "个")]),
                vec![
                    ms("二季度", "共完成20个“一件事”主题服务。", vec![q("20个", 20.0, "个").running()]),
                    ms("三季度", "完成30个“一件事”主题服务。", vec![q("30个", 30.0, "个")]),
                    ms("四季度", "完成25个“一件事”主题服务。", vec![q("25个", 25.0, "个")]),
                ],
            )],
            expect: vec![("series/decreasing", Warning)],
        },
        Case {
            // No cue at all, and neither the sum (60) nor the last amount (30) is the goal.
            name: "uncued-series-misses-both-readings",
            items: vec![item(
                9,
                goal("建成50个社区服务站。", vec![q("50个", 50.0, "个")]),
                vec![
                    ms("一季度", "建成10个社区服务站。", vec![q("10个", 10.0, "个")]),
                    ms("二季度", "建成20个社区服务站。", vec![q("20个", 20.0, "个")]),
                    ms("下半年", "建成30个社区服务站。", vec![q("30个", 30.0, "个")]),
                ],
            )],
            expect: vec![("series/sum-mismatch", Error)],
        },
        Case {
            // The second topic's series agrees with its goal; the first goal (母婴室) names an
            // object no milestone counts.
            name: "objects-keep-series-apart",
            items: vec![item(
                95,
                goal(
                    "完成50所母婴室建设和升级。新建30所“爱心妈妈小屋”。",
                    vec![q("50所", 50.0, "所").object("母婴室"), q("30所", 30.0, "所").object("爱心妈妈小屋")],
                ),
                vec![
                    topic(ms("一季度", "制定母婴室建设标准。", vec![]), "母婴室"),
                    topic(ms("四季度", "投入使用。", vec![]), "母婴室"),
                    topic(ms("二季度", "建设完成5所“爱心妈妈小屋”。", vec![q("5所", 5.0, "所").object("爱心妈妈小屋")]), "爱心妈妈小屋"),
                    topic(ms("三季度", "累计完成15所“爱心妈妈小屋”。", vec![q("累计完成15所", 15.0, "所").object("爱心妈妈小屋")]), "爱心妈妈小屋"),
                    topic(ms("四季度", "累计完成30所“爱心妈妈小屋”。", vec![q("累计完成30所", 30.0, "所").object("爱心妈妈小屋")]), "爱心妈妈小屋"),
                ],
            )],
            expect: vec![("goal/unscheduled", Info)],
        },
        Case {
            // 不少于200个 against 100 + 80: short, but a floor against plain amounts is a
            // warning, never an error.
            name: "floor-goal-not-reached",
            items: vec![item(
                19,
                goal("完成不少于200个停车设施场地数据接入。", vec![q("不少于200个", 200.0, "个").cmp(Cmp::Ge)]),
                vec![
                    ms("上半年", "完成100个停车设施场地数据接入。", vec![q("100个", 100.0, "个")]),
                    ms("下半年", "完成80个停车设施场地数据接入。", vec![q("80个", 80.0, "个")]),
                ],
            )],
            expect: vec![("series/sum-mismatch", Warning)],
        },
        Case {
            // Floors in every quarter (不少于5个 × 4) commit to at least 20 of the 30: no
            // contradiction, whatever the last quarter brings.
            name: "floors-in-schedule-meet-goal",
            items: vec![item(
                12,
                goal("建成30个口袋公园。", vec![q("30个", 30.0, "个")]),
                vec![
                    ms("一季度", "建成不少于5个口袋公园。", vec![q("不少于5个", 5.0, "个").cmp(Cmp::Ge)]),
                    ms("二季度", "建成不少于5个口袋公园。", vec![q("不少于5个", 5.0, "个").cmp(Cmp::Ge)]),
                    ms("三季度", "建成不少于5个口袋公园。", vec![q("不少于5个", 5.0, "个").cmp(Cmp::Ge)]),
                    ms("四季度", "建成不少于5个口袋公园。", vec![q("不少于5个", 5.0, "个").cmp(Cmp::Ge)]),
                ],
            )],
            expect: vec![],
        },
        Case {
            // Ceilings: at most 8 a quarter cannot reach the goal of 40. A warning only: a
            // bound is softer than a plain amount.
            name: "ceilings-below-goal",
            items: vec![item(
                12,
                goal("建成40个口袋公园。", vec![q("40个", 40.0, "个")]),
                vec![
                    ms("一季度", "建成不超过8个口袋公园。", vec![q("不超过8个", 8.0, "个").cmp(Cmp::Le)]),
                    ms("二季度", "建成不超过8个口袋公园。", vec![q("不超过8个", 8.0, "个").cmp(Cmp::Le)]),
                    ms("三季度", "建成不超过8个口袋公园。", vec![q("不超过8个", 8.0, "个").cmp(Cmp::Le)]),
                    ms("四季度", "建成不超过8个口袋公园。", vec![q("不超过8个", 8.0, "个").cmp(Cmp::Le)]),
                ],
            )],
            expect: vec![("series/sum-mismatch", Warning)],
        },
        Case {
            // The seed's row 19: 100 + 100 meets 不少于200个, and 27个 is restated.
            name: "floor-goal-met",
            items: vec![item(
                19,
                goal(
                    "完成27个停车设施投建运营试点项目建设。完成不少于200个停车设施场地数据接入。",
                    vec![q("27个", 27.0, "个"), q("不少于200个", 200.0, "个").cmp(Cmp::Ge)],
                ),
                vec![
                    ms("上半年", "完成100个停车设施场地数据接入。", vec![q("100个", 100.0, "个")]),
                    ms(
                        "下半年",
                        "完成27个停车设施投建运营试点项目建设；完成100个停车设施场地数据接入。",
                        vec![q("27个", 27.0, "个"), q("100个", 100.0, "个")],
                    ),
                ],
            )],
            expect: vec![],
        },
        Case {
            name: "ranges-are-not-compared",
            items: vec![item(
                34,
                goal("重点打造2-3个示范性优质生活圈。", vec![q("2-3个", 0.0, "个").range(2.0, 3.0)]),
                vec![
                    ms("二季度", "明确2-3个示范性优质生活圈。", vec![q("2-3个", 0.0, "个").range(2.0, 3.0)]),
                    ms("下半年", "重点跟进4个示范性优质生活圈。", vec![q("4个", 4.0, "个")]),
                ],
            )],
            expect: vec![],
        },
        Case {
            // Amounts for three quarters only: the fourth may finish the job unnumbered.
            name: "partial-year-is-not-compared",
            items: vec![item(
                73,
                goal("开展职业技能培训9万人次。", vec![q("9万人次", 9e4, "人次")]),
                vec![
                    ms("一季度", "做好项目收集工作。", vec![]),
                    ms("二季度", "开展培训2万人次。", vec![q("2万人次", 2e4, "人次")]),
                    ms("三季度", "开展培训3万人次。", vec![q("3万人次", 3e4, "人次")]),
                ],
            )],
            expect: vec![],
        },
        Case {
            // 新建45个 is the sum; 达445个 is the level reached, not an amount of the year.
            name: "level-goal-is-not-a-sum",
            items: vec![item(
                76,
                goal(
                    "计划新建联网村图书馆服务点45个，全市联网村图书馆服务点达445个。",
                    vec![q("45个", 45.0, "个"), q("445个", 445.0, "个")],
                ),
                vec![
                    ms("一季度", "新建联网的图书馆服务点5个。", vec![q("5个", 5.0, "个")]),
                    ms("二季度", "新建联网的图书馆服务点10个。", vec![q("10个", 10.0, "个")]),
                    ms("三季度", "新建联网的图书馆服务点20个。", vec![q("20个", 20.0, "个")]),
                    ms("四季度", "新建联网的图书馆服务点10个。", vec![q("10个", 10.0, "个")]),
                ],
            )],
            expect: vec![],
        },
        Case {
            // The seed's row 28: 11座 and 5座 in the first half, 16座 at the end = the goal.
            name: "restated-total-agrees",
            items: vec![item(
                28,
                goal("完成16座垃圾填埋场整治并验收销号。", vec![q("16座", 16.0, "座")]),
                vec![
                    ms(
                        "上半年",
                        "对已基本完成整治的11座填埋场查漏补缺。对正在开展整治的5座镇级填埋场督促推进。",
                        vec![q("11座", 11.0, "座"), q("5座", 5.0, "座")],
                    ),
                    ms("下半年", "全面完成16座填埋场整治。", vec![q("16座", 16.0, "座")]),
                ],
            )],
            expect: vec![],
        },
        Case {
            // The seed's row 30: the extractor names the objects differently (`违法`,
            // `面积`), but the same amount in the same unit is the goal restated.
            name: "restated-despite-object-names",
            items: vec![item(
                30,
                goal(
                    "完成2900万平方米违法建设治理年度目标任务。",
                    vec![q("2900万平方米", 2.9e7, "平方米").object("违法")],
                ),
                vec![
                    ms(
                        "上半年",
                        "累计完成违法建设治理面积700万平方米。",
                        vec![q("累计完成违法建设治理面积700万平方米", 7e6, "平方米").object("面积")],
                    ),
                    ms(
                        "下半年",
                        "累计完成违法建设治理面积2900万平方米。",
                        vec![q("累计完成违法建设治理面积2900万平方米", 2.9e7, "平方米").object("面积")],
                    ),
                ],
            )],
            expect: vec![],
        },
        Case {
            // Objects that share words (`星星联盟线上课程`, `星星联盟系列课程`) are one series.
            name: "objects-sharing-words-chain",
            items: vec![item(
                46,
                goal("开展东莞星星联盟系列课程160期。", vec![q("160期", 160.0, "期").object("东莞星星联盟系列课程")]),
                vec![
                    ms("一季度", "累计开展星星联盟线上课程5期。", vec![q("累计开展星星联盟线上课程5期", 5.0, "期").object("星星联盟线上课程")]),
                    ms("二季度", "累计开展星星联盟线上课程20期。", vec![q("累计开展星星联盟线上课程20期", 20.0, "期").object("星星联盟线上课程")]),
                    ms("三季度", "累计开展星星联盟系列课程80期。", vec![q("累计开展星星联盟系列课程80期", 80.0, "期").object("星星联盟系列课程")]),
                    ms("四季度", "累计开展东莞星星联盟系列课程150期。", vec![q("累计开展东莞星星联盟系列课程150期", 150.0, "期").object("东莞星星联盟系列课程")]),
                ],
            )],
            // Compatible but not identical objects: the mismatch is real but not certain.
            expect: vec![("series/final-mismatch", Warning)],
        },
        Case {
            // Two running totals in one cell, no objects named: the clauses keep them apart,
            // so the smaller one (市级资金) is never read as a fall of the larger (投资).
            name: "two-running-series-in-one-cell",
            items: vec![item(
                11,
                goal("完成投资12亿元，其中市级资金4亿元。", vec![q("12亿元", 1.2e9, "元"), q("4亿元", 4e8, "元")]),
                vec![
                    ms(
                        "二季度",
                        "累计完成投资5亿元，其中市级资金累计2亿元。",
                        vec![q("累计完成投资5亿元", 5e8, "元"), q("累计2亿元", 2e8, "元")],
                    ),
                    ms(
                        "三季度",
                        "其中市级资金累计3亿元，累计完成投资8亿元。",
                        vec![q("累计3亿元", 3e8, "元"), q("累计完成投资8亿元", 8e8, "元")],
                    ),
                    ms(
                        "四季度",
                        "累计完成投资12亿元，其中市级资金累计4亿元。",
                        vec![q("累计完成投资12亿元", 1.2e9, "元"), q("累计4亿元", 4e8, "元")],
                    ),
                ],
            )],
            expect: vec![],
        },
        Case {
            // The same cell with the smaller series falling (2亿 → 1.5亿): only it is reported.
            name: "two-running-series-one-falls",
            items: vec![item(
                11,
                goal("完成投资12亿元，其中市级资金4亿元。", vec![q("12亿元", 1.2e9, "元"), q("4亿元", 4e8, "元")]),
                vec![
                    ms(
                        "二季度",
                        "累计完成投资5亿元，其中市级资金累计2亿元。",
                        vec![q("累计完成投资5亿元", 5e8, "元"), q("累计2亿元", 2e8, "元")],
                    ),
                    ms(
                        "三季度",
                        "其中市级资金累计1.5亿元，累计完成投资8亿元。",
                        vec![q("累计1.5亿元", 1.5e8, "元"), q("累计完成投资8亿元", 8e8, "元")],
                    ),
                    ms(
                        "四季度",
                        "累计完成投资12亿元，其中市级资金累计4亿元。",
                        vec![q("累计完成投资12亿元", 1.2e9, "元"), q("累计4亿元", 4e8, "元")],
                    ),
                ],
            )],
            expect: vec![("series/decreasing", Error)],
        },
        Case {
            // A project's total investment is not the year's: the year's 30亿 is restated,
            // the 100亿 is left alone.
            name: "whole-project-figure-is-not-compared",
            items: vec![item(
                13,
                goal(
                    "项目总投资100亿元，年内完成投资30亿元。",
                    vec![q("100亿元", 1e10, "元"), q("30亿元", 3e9, "元")],
                ),
                vec![
                    ms("二季度", "累计完成投资9亿元。", vec![q("累计完成投资9亿元", 9e8, "元")]),
                    ms("四季度", "累计完成投资30亿元。", vec![q("累计完成投资30亿元", 3e9, "元")]),
                ],
            )],
            expect: vec![],
        },
        Case {
            // Only the project total in the goal: still nothing to compare the year with.
            name: "whole-project-figure-alone",
            items: vec![item(
                13,
                goal("项目总投资100亿元。", vec![q("100亿元", 1e10, "元")]),
                vec![
                    ms("二季度", "累计完成投资9亿元。", vec![q("累计完成投资9亿元", 9e8, "元")]),
                    ms("四季度", "累计完成投资30亿元。", vec![q("累计完成投资30亿元", 3e9, "元")]),
                ],
            )],
            expect: vec![],
        },
        Case {
            // A level reached (达) against a running total of the year's additions: an info,
            // since the two need not agree.
            name: "level-goal-against-running-total",
            items: vec![item(
                76,
                goal("全市图书馆服务点达445个。", vec![q("445个", 445.0, "个")]),
                vec![
                    ms("二季度", "累计新建图书馆服务点10个。", vec![q("累计新建图书馆服务点10个", 10.0, "个")]),
                    ms("四季度", "累计新建图书馆服务点45个。", vec![q("累计新建图书馆服务点45个", 45.0, "个")]),
                ],
            )],
            expect: vec![("series/final-mismatch", Info)],
        },
        Case {
            // Both sides state levels (达 and 累计达到): a warning.
            name: "level-goal-against-running-level",
            items: vec![item(
                76,
                goal("全市图书馆服务点达445个。", vec![q("445个", 445.0, "个")]),
                vec![
                    ms("二季度", "服务点累计达到420个。", vec![q("累计达到420个", 420.0, "个")]),
                    ms("四季度", "服务点累计达到440个。", vec![q("累计达到440个", 440.0, "个")]),
                ],
            )],
            expect: vec![("series/final-mismatch", Warning)],
        },
        Case {
            // Running totals whose sum happens to be the goal (10 + 20 = 30): the last total
            // (20) is what counts, and it misses.
            name: "running-totals-are-not-summed",
            items: vec![item(
                21,
                goal("建成30个充电站。", vec![q("30个", 30.0, "个")]),
                vec![
                    ms("上半年", "累计建成10个充电站。", vec![q("累计建成10个", 10.0, "个")]),
                    ms("下半年", "累计建成20个充电站。", vec![q("累计建成20个", 20.0, "个")]),
                ],
            )],
            expect: vec![("series/final-mismatch", Error)],
        },
        Case {
            // Rates are levels: 60% + 70% + 80% + 85% is nothing; the last, 85%, misses 90%.
            // Only a warning: a quarter's rate may be that quarter's alone.
            name: "rates-are-levels",
            items: vec![item(
                60,
                goal("垃圾分类覆盖率90%。", vec![q("90%", 90.0, "%")]),
                vec![
                    ms("一季度", "覆盖率60%。", vec![q("60%", 60.0, "%")]),
                    ms("二季度", "覆盖率70%。", vec![q("70%", 70.0, "%")]),
                    ms("三季度", "覆盖率80%。", vec![q("80%", 80.0, "%")]),
                    ms("四季度", "覆盖率85%。", vec![q("85%", 85.0, "%")]),
                ],
            )],
            expect: vec![("series/final-mismatch", Warning)],
        },
        Case {
            // Shares of the year's task (10% + 20% + 30% + 40% = 100%) are a reading the text
            // allows: nothing to report.
            name: "rates-as-shares-of-the-task",
            items: vec![item(
                60,
                goal("完成年度任务100%。", vec![q("100%", 100.0, "%")]),
                vec![
                    ms("一季度", "完成年度任务10%。", vec![q("10%", 10.0, "%")]),
                    ms("二季度", "完成年度任务20%。", vec![q("20%", 20.0, "%")]),
                    ms("三季度", "完成年度任务30%。", vec![q("30%", 30.0, "%")]),
                    ms("四季度", "完成年度任务40%。", vec![q("40%", 40.0, "%")]),
                ],
            )],
            expect: vec![],
        },
        Case {
            // Nothing names the objects and the clauses differ (方案 against 站点): the one
            // series of 个 may mix two things, so its miss is only a warning.
            name: "unlike-clauses-only-warn",
            items: vec![item(
                23,
                goal("建成10个站点。", vec![q("10个", 10.0, "个")]),
                vec![
                    ms("一季度", "完成3个方案的编制。", vec![q("3个", 3.0, "个")]),
                    ms("二季度", "建成2个站点。", vec![q("2个", 2.0, "个")]),
                    ms("三季度", "建成3个站点。", vec![q("3个", 3.0, "个")]),
                    ms("四季度", "建成3个站点。", vec![q("3个", 3.0, "个")]),
                ],
            )],
            expect: vec![("series/sum-mismatch", Warning)],
        },
        Case {
            // The second row of a two-row measure with an empty lead cell under a row that
            // names one: a merged cell left empty by the export, an info only.
            name: "lead-in-merged-cell",
            items: vec![item(30, goal("完成验收。", vec![]), vec![ms("四季度", "验收。", vec![])]), {
                let mut it = item(31, goal("完成整改。", vec![]), vec![ms("四季度", "整改。", vec![])]);
                it.lead.clear();
                if let Some(m) = it.measure.as_mut() {
                    m.number = Some(30);
                    m.inherited = true;
                }
                if let Some(cell) = it.cells.get_mut(4) {
                    cell.clear();
                }
                it
            }],
            expect: vec![("item/no-lead", Info)],
        },
        Case {
            // The seed's row 22: preparation for 200 rivers, then works on 150; no cue, no fall.
            name: "different-stages-no-fall",
            items: vec![item(
                22,
                goal("完成不少于150条河涌水环境综合治理任务。", vec![q("不少于150条", 150.0, "条").cmp(Cmp::Ge)]),
                vec![
                    ms("上半年", "完成不少于200条河涌水环境综合整治的前期工作。", vec![q("不少于200条", 200.0, "条").cmp(Cmp::Ge)]),
                    ms("三季度", "督促指导整治工程动工建设。", vec![]),
                    ms("四季度", "完成不少于150条河涌水环境综合整治工程。", vec![q("不少于150条", 150.0, "条").cmp(Cmp::Ge)]),
                ],
            )],
            expect: vec![],
        },
        Case {
            name: "approximate-amounts-agree",
            items: vec![item(
                66,
                goal("为120个左右自闭症儿童家庭提供服务。", vec![q("120个左右", 120.0, "个").cmp(Cmp::Approx)]),
                vec![
                    ms("上半年", "针对第一组家庭（约20个家庭）开展培训。", vec![q("约20个", 20.0, "个").cmp(Cmp::Approx)]),
                    ms("下半年", "针对第二组家庭（约100个家庭）进行培训。", vec![q("约100个", 100.0, "个").cmp(Cmp::Approx)]),
                ],
            )],
            expect: vec![],
        },
        Case {
            // Percentages of three things rise together; 50% is the goal of the first.
            name: "interleaved-percentages",
            items: vec![item(
                39,
                goal("50%的“三小”场所配备简易喷淋。", vec![q("50%", 50.0, "%")]),
                vec![
                    ms("一季度", "12.5%的“三小”场所配备简易喷淋，25%的村（社区）建成体验点。", vec![q("12.5%", 12.5, "%"), q("25%", 25.0, "%")]),
                    ms("二季度", "25%的“三小”场所配备简易喷淋，50%的村（社区）建成体验点。", vec![q("25%", 25.0, "%"), q("50%", 50.0, "%")]),
                    ms("三季度", "37.5%的“三小”场所配备简易喷淋，75%的村（社区）建成体验点。", vec![q("37.5%", 37.5, "%"), q("75%", 75.0, "%")]),
                    ms("四季度", "50%的“三小”场所配备简易喷淋，全部村（社区）建成体验点。", vec![q("50%", 50.0, "%")]),
                ],
            )],
            expect: vec![],
        },
        Case {
            name: "goal-amount-unscheduled",
            items: vec![item(
                3,
                goal("完成593个村（社区）视频联网工作。", vec![q("593个", 593.0, "个").object("村")]),
                vec![ms("一季度", "完成5000路建设。", vec![q("5000路", 5e3, "路")])],
            )],
            expect: vec![("goal/unscheduled", Info)],
        },
        Case {
            // A goal without an amount has nothing to compare; the series still rises.
            name: "goal-without-amount",
            items: vec![item(
                10,
                goal("轨道交通1号线一期全面开工建设。", vec![]),
                vec![
                    ms("一季度", "完成投资2.9亿元。", vec![q("完成投资2.9亿元", 2.9e8, "元")]),
                    ms("四季度", "累计完成投资26.1亿元。", vec![q("累计完成投资26.1亿元", 2.61e9, "元")]),
                ],
            )],
            expect: vec![],
        },
        Case {
            name: "periods-out-of-order",
            items: vec![item(
                5,
                goal("推进建设。", vec![]),
                vec![ms("一季度", "确定选址。", vec![]), ms("三季度", "确定方案。", vec![]), ms("二季度", "完善手续。", vec![])],
            )],
            expect: vec![("schedule/period-order", Warning)],
        },
        Case {
            name: "periods-overlap",
            items: vec![item(
                5,
                goal("推进建设。", vec![]),
                vec![ms("上半年", "确定选址。", vec![]), ms("二季度", "完善手续。", vec![]), ms("下半年", "动工。", vec![])],
            )],
            expect: vec![("schedule/period-overlap", Warning)],
        },
        Case {
            // 全年 after the quarters sums them up; topics restart the quarters.
            name: "whole-year-and-topics-are-in-order",
            items: vec![item(
                55,
                goal("推进建设。", vec![]),
                vec![
                    topic(ms("一季度", "制定标准。", vec![]), "供水"),
                    topic(ms("四季度", "投入使用。", vec![]), "供水"),
                    topic(ms("一季度", "完成方案。", vec![]), "供电"),
                    topic(ms("三、四季度", "完成建设。", vec![]), "供电"),
                    ms("全年", "完善政策。", vec![]),
                ],
            )],
            expect: vec![],
        },
        Case {
            name: "unknown-period",
            items: vec![item(
                7,
                goal("推进建设。", vec![]),
                vec![
                    // Text before any quarter label that opens with a month.
                    taizhang_model::Milestone {
                        text: "1-3月，完成调研。".into(),
                        ..taizhang_model::Milestone::default()
                    },
                    // Inside a quarter, a month is a deadline within it: nothing to say.
                    ms("一季度", "确定选址。3月底前，完成招标。", vec![]),
                    ms("第五季度", "验收。", vec![]),
                ],
            )],
            expect: vec![("schedule/unknown-period", Info), ("schedule/unknown-period", Warning)],
        },
        Case {
            name: "structure",
            items: vec![
                {
                    let mut it = item(16, goal("", vec![]), vec![]);
                    if let Some(m) = it.measure.as_mut() {
                        m.number = Some(10);
                        m.text = String::new();
                    }
                    if let Some(cell) = it.cells.get_mut(1) {
                        *cell = "10. ".to_owned();
                    }
                    it
                },
                {
                    let mut it = item(17, goal("完成改造。", vec![]), vec![ms("一季度", "启动。", vec![])]);
                    it.lead.clear();
                    if let Some(cell) = it.cells.get_mut(4) {
                        cell.clear();
                    }
                    it
                },
                item(18, goal("完成验收。", vec![]), vec![ms("四季度", "验收。", vec![])]),
                {
                    let mut it = item(19, goal("完成验收。", vec![]), vec![ms("四季度", "验收。", vec![])]);
                    // Same content as row 18 apart from its numbering.
                    it.cells = vec!["（19） ".into(), "18. 措施18".into(), "完成验收。".into(), "四季度，验收。".into(), "城建局".into(), String::new()];
                    it
                },
            ],
            expect: vec![("measure/empty", Warning), ("item/no-lead", Warning), ("item/duplicate", Warning)],
        },
    ]
}

/// The seed's row 72 in miniature: three series in 人, each quarter naming all three.
fn interleaved(helped_in_q4: f64) -> Item {
    let quarter = |label: &'static str,
                   jobs: f64,
                   jobs_text: &'static str,
                   helped: f64,
                   helped_text: &'static str| {
        let text = format!(
            "完成城镇新增就业{jobs_text}，帮扶就业困难人员就业{helped_text}；促进创业3200人。"
        );
        ms(
            label,
            &text,
            vec![q(jobs_text, jobs, "人"), q(helped_text, helped, "人"), q("3200人", 3200.0, "人")],
        )
    };
    let helped_q4_text: &'static str = if helped_in_q4 == 500.0 { "500人" } else { "400人" };
    item(
        72,
        goal(
            "年内完成城镇新增就业8.8万人，帮扶就业困难人员就业2000人；全年促进创业12800人。",
            vec![q("8.8万人", 8.8e4, "人"), q("2000人", 2000.0, "人"), q("12800人", 12800.0, "人")],
        ),
        vec![
            quarter("一季度", 2e4, "2万人", 500.0, "500人"),
            quarter("二季度", 2.3e4, "2.3万人", 500.0, "500人"),
            quarter("三季度", 2.3e4, "2.3万人", 500.0, "500人"),
            quarter("四季度", 2.2e4, "2.2万人", helped_in_q4, helped_q4_text),
        ],
    )
}

#[test]
fn crafted_cases() {
    let mut snapshot = String::new();
    let mut failures = Vec::new();
    for case in cases() {
        let report = taizhang_check::check(&plan(case.items));
        let got: Vec<(String, Severity)> =
            report.findings.iter().map(|f| (f.code.clone(), f.severity)).collect();
        let mut want: Vec<(String, Severity)> =
            case.expect.iter().map(|(c, s)| ((*c).to_owned(), *s)).collect();
        let mut got_sorted = got.clone();
        got_sorted.sort();
        want.sort();
        if got_sorted != want {
            failures.push(format!("{}: expected {want:?}, got {got:?}", case.name));
        }
        snapshot.push_str(&format!(
            "--- {} ---\n{}\n",
            case.name,
            taizhang_check::report::text(&report)
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("check_crafted", snapshot);
    });
}

/// Every finding serializes to the contract's fields and back.
#[test]
fn findings_round_trip_as_json() {
    let report = taizhang_check::check(&plan(cases().into_iter().flat_map(|c| c.items).collect()));
    let json = serde_json::to_value(&report).expect("serializes");
    assert_eq!(json["schema"], "taizhang/check/v1");
    for f in json["findings"].as_array().expect("findings") {
        for field in ["row", "column", "severity", "code", "message", "evidence"] {
            assert!(f.get(field).is_some(), "{field} missing in {f}");
        }
    }
    let back: taizhang_model::check::CheckReport =
        serde_json::from_value(json).expect("reads back");
    assert_eq!(back, report);
}

/// Every case's report, as the command writes it, is valid against the checked-in
/// `schemas/check.schema.json`.
#[test]
fn reports_match_the_schema() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/check.schema.json");
    let text = std::fs::read_to_string(&path).expect("schemas/check.schema.json reads");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    for case in cases() {
        let report = taizhang_check::check(&plan(case.items));
        let json = taizhang_emit::json::to_json(&report, false).expect("serializes");
        let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", case.name);
    }
}

/// Every code the checker emits is one the README documents.
#[test]
fn codes_are_documented() {
    let report = taizhang_check::check(&plan(cases().into_iter().flat_map(|c| c.items).collect()));
    for f in &report.findings {
        assert!(taizhang_check::codes::ALL.contains(&f.code.as_str()), "{}", f.code);
    }
}
