//! One test per rule of the quantity contract.

use taizhang_model::{Cmp, Quantity};

use super::extract;

/// `(text, value or min..max, unit, cmp, cumulative)` of each quantity, for terse asserts.
fn brief(text: &str) -> Vec<(String, String, Option<String>, Cmp, bool)> {
    extract(text)
        .into_iter()
        .map(|q| {
            let value = match (q.value, q.min, q.max) {
                (Some(v), _, _) => format!("{v}"),
                (None, Some(a), Some(b)) => format!("{a}~{b}"),
                _ => "?".into(),
            };
            (q.text, value, q.unit, q.cmp, q.cumulative)
        })
        .collect()
}

fn one(text: &str) -> Quantity {
    let mut all = extract(text);
    assert_eq!(all.len(), 1, "{text}: {all:#?}");
    all.remove(0)
}

fn none(text: &str) {
    let all = extract(text);
    assert!(all.is_empty(), "{text}: expected nothing, got {all:#?}");
}

#[test]
fn arabic_decimals_and_separators() {
    assert_eq!(one("完成投资2.9亿元").value, Some(290_000_000.0));
    assert_eq!(one("新增停车位1,200个").value, Some(1200.0));
    assert_eq!(one("新增停车位1，200个").value, Some(1200.0));
    assert_eq!(one("新增停车位12,345,678个").value, Some(12_345_678.0));
}

#[test]
fn full_width_digits() {
    let q = one("旅游收入增长１２．５％");
    assert_eq!(q.value, Some(12.5));
    assert_eq!(q.unit.as_deref(), Some("%"));
    assert_eq!(q.surface_unit.as_deref(), Some("％"));
    assert_eq!(one("完成投资１２０亿元").value, Some(12_000_000_000.0));
}

#[test]
fn chinese_numerals() {
    assert_eq!(one("实施十项工程").value, Some(10.0));
    assert_eq!(one("完成两批整治").value, Some(2.0));
    assert_eq!(one("改造一百二十个小区").value, Some(120.0));
    assert_eq!(one("引进三千五百人").value, Some(3500.0));
    assert_eq!(one("新增两万个学位").value, Some(20_000.0));
}

#[test]
fn approximate_pairs_are_ranges() {
    let q = one("选取一两个试点");
    assert_eq!((q.value, q.min, q.max, q.cmp), (None, Some(1.0), Some(2.0), Cmp::Range));
    let q = one("培育两三家企业");
    assert_eq!((q.min, q.max), (Some(2.0), Some(3.0)));
    let q = one("新增三四十家");
    assert_eq!((q.min, q.max), (Some(30.0), Some(40.0)));
}

#[test]
fn multipliers_scale_the_decimal_string() {
    // 26.1 * 1e8 is 2610000000.0000002 in f64; the decimal string gives the exact value.
    assert_eq!(one("累计完成投资26.1亿元").value, Some(2_610_000_000.0));
    assert_eq!(one("放贷0.07万元").value, Some(700.0));
    assert_eq!(one("突破1.5万亿元").value, Some(1_500_000_000_000.0));
    assert_eq!(one("争取3千万元").value, Some(30_000_000.0));
    let q = one("累计完成投资18850万元");
    assert_eq!(
        (q.value, q.unit.as_deref(), q.surface_unit.as_deref()),
        (Some(188_500_000.0), Some("元"), Some("万元"))
    );
}

#[test]
fn money_is_counted_in_yuan() {
    let q = one("完成投资10亿元");
    assert_eq!((q.unit.as_deref(), q.surface_unit.as_deref()), (Some("元"), Some("亿元")));
    assert_eq!(one("实际使用外资12亿美元").unit.as_deref(), Some("美元"));
}

#[test]
fn percentages() {
    let q = one("完成全市90%的入河排污口治理");
    assert_eq!((q.value, q.unit.as_deref()), (Some(90.0), Some("%")));
    let q = one("普及率达到百分之九十五以上");
    assert_eq!((q.value, q.unit.as_deref(), q.cmp), (Some(95.0), Some("%"), Cmp::Ge));
    let q = one("提高0.3个百分点");
    assert_eq!((q.value, q.unit.as_deref()), (Some(0.3), Some("百分点")));
}

#[test]
fn ranges() {
    for (text, min, max, unit) in [
        ("打造2-3个生活圈", 2.0, 3.0, "个"),
        ("建设2～3个", 2.0, 3.0, "个"),
        ("建设2~3个", 2.0, 3.0, "个"),
        ("新建8—10所", 8.0, 10.0, "所"),
        ("建设10至15家", 10.0, 15.0, "家"),
        ("改造20到30公里", 20.0, 30.0, "公里"),
        ("增长5%-8%", 5.0, 8.0, "%"),
        ("新增学位3~5万个", 30_000.0, 50_000.0, "个"),
        ("建设2000～3000套", 2000.0, 3000.0, "套"),
        ("新增二至三万人", 20_000.0, 30_000.0, "人"),
        ("建设三至五个", 3.0, 5.0, "个"),
    ] {
        let q = one(text);
        assert_eq!(
            (q.value, q.min, q.max, q.unit.as_deref(), q.cmp),
            (None, Some(min), Some(max), Some(unit), Cmp::Range),
            "{text}"
        );
    }
}

#[test]
fn comparators() {
    for (text, cmp) in [
        ("不少于86公里", Cmp::Ge),
        ("3个以上", Cmp::Ge),
        ("不低于50%", Cmp::Ge),
        ("超过3000家", Cmp::Ge),
        ("突破4000亿元", Cmp::Ge),
        ("至少50万平方米", Cmp::Ge),
        ("达到60%以上", Cmp::Ge),
        ("10KV及以上", Cmp::Ge),
        ("不超过5亿元", Cmp::Le),
        ("控制在5.5%以内", Cmp::Le),
        ("28微克/立方米以下", Cmp::Le),
        ("低于60%", Cmp::Le),
        ("不超50米", Cmp::Le),
        ("约1.5万个", Cmp::Approx),
        ("120个左右", Cmp::Approx),
        ("近5000万人次", Cmp::Approx),
        ("大约80万人", Cmp::Approx),
        ("7%上下", Cmp::Approx),
        ("控制在50米左右", Cmp::Approx),
        ("100余个", Cmp::Ge),
        ("30多个", Cmp::Ge),
    ] {
        assert_eq!(one(text).cmp, cmp, "{text}");
    }
}

#[test]
fn cumulative_span_reaches_the_cue() {
    let q = one("二季度，累计完成投资6.8亿元。");
    assert_eq!(
        (q.text.as_str(), q.start, q.end, q.cumulative),
        ("累计完成投资6.8亿元", 4, 15, true)
    );
    assert_eq!(q.object.as_deref(), Some("投资"));
}

#[test]
fn cue_before_a_list_applies_to_each_item() {
    let got = brief("分别突破4000亿元、1.5万亿元");
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|q| q.3 == Cmp::Ge), "{got:?}");
    assert_eq!(got[1].0, "1.5万亿元");
    let got = brief(
        "下半年，累计完成600座公共厕所升级改造（新建一镇一星级公厕）、300座垃圾转运站整合升级。",
    );
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|q| q.4), "{got:?}");
    // A clause break ends the list.
    let got = brief("累计完成10个，新建5个");
    assert_eq!((got[0].4, got[1].4), (true, false));
}

#[test]
fn list_shares_its_unit() {
    let got = brief("分别增长37.5%、66.9%");
    assert_eq!(got.iter().map(|q| q.2.as_deref()).collect::<Vec<_>>(), [Some("%"), Some("%")]);
    let got = brief("分别增长3、5、7个百分点");
    assert_eq!(got.len(), 3);
    assert!(got.iter().all(|q| q.2.as_deref() == Some("百分点")), "{got:?}");
}

#[test]
fn words_that_are_not_cues() {
    let got = brief("一是完成两批共40个交通拥堵节点整治。");
    assert_eq!(got.len(), 2);
    assert_eq!((got[0].0.as_str(), got[0].3), ("两批", Cmp::Eq));
    assert_eq!((got[1].0.as_str(), got[1].3), ("40个", Cmp::Eq));
    assert_eq!(one("每月新增就业达500人").cmp, Cmp::Eq);
}

#[test]
fn objects() {
    assert_eq!(one("平均每平方公里布控65个摄像头").object.as_deref(), Some("摄像头"));
    assert_eq!(one("完成投资26.1亿元").object.as_deref(), Some("投资"));
    assert_eq!(one("居民人均可支配收入增长7.5%").object.as_deref(), Some("居民人均可支配收入"));
    assert_eq!(one("新增养老床位500张").object.as_deref(), Some("养老床位"));
    assert_eq!(one("创建40家“放心肉菜示范超市”").object.as_deref(), Some("放心肉菜示范超市"));
    assert_eq!(one("完成5000路建设").object, None);
}

#[test]
fn units_are_not_converted() {
    let q = one("完成不少于86公里");
    assert_eq!(q.unit.as_deref(), Some("公里"));
    let q = one("新建供水管网150千米");
    assert_eq!(q.unit.as_deref(), Some("千米"));
    let q = one("10KV及以上大企业");
    assert_eq!((q.value, q.unit.as_deref()), (Some(10.0), Some("KV")));
    let q = one("开展培训9万人次");
    assert_eq!(
        (q.value, q.unit.as_deref(), q.surface_unit.as_deref()),
        (Some(90_000.0), Some("人次"), Some("万人次"))
    );
    let q = one("治理5800万平方米");
    assert_eq!((q.value, q.unit.as_deref()), (Some(58_000_000.0), Some("平方米")));
    let q = one("新增装机120万千瓦");
    assert_eq!((q.value, q.unit.as_deref()), (Some(1_200_000.0), Some("千瓦")));
    assert_eq!(one("处理能力15万吨/日").unit.as_deref(), Some("吨/日"));
}

#[test]
fn a_noun_serves_as_unit_where_no_measure_word_is_written() {
    let q = one("第一组家庭（约20家庭）开展培训");
    assert_eq!((q.value, q.unit.as_deref(), q.cmp), (Some(20.0), Some("家庭"), Cmp::Approx));
}

#[test]
fn bare_multipliers_after_a_cue() {
    let q = one("人口超千万");
    assert_eq!((q.value, q.unit.as_deref(), q.cmp), (Some(10_000_000.0), None, Cmp::Ge));
    let q = one("经济总量过万亿元");
    assert_eq!((q.value, q.unit.as_deref(), q.cmp), (Some(1e12), Some("元"), Cmp::Ge));
    assert_eq!(one("百余家企业").value, Some(100.0));
    none("万江街道");
    none("百千万工程");
    none("百场宣讲活动");
    none("成千上万");
}

#[test]
fn years_dates_and_deadlines() {
    none("2020年工作目标");
    none("出台方案（2020-2022年）");
    none("2020-2022年期间");
    none("4月底前完成，6月30日前上报，年底前验收，12月完成");
    none("核实2020届生源");
    none("举办2020全国采购会");
    none("近5年来");
}

#[test]
fn ordinals_markers_quarters_phases() {
    none("第二批试点，第3季度考核");
    none("一是完善机制，二是强化保障");
    none("（1）健全体系");
    none("1. 创新机制");
    none("1、加快建设");
    none("一季度，二、三季度，三、四季度，上半年");
    none("一期工程，二期建设");
}

#[test]
fn identifiers_and_names() {
    none("优化12345政府服务热线");
    none("“十三五”期间");
    none("落实一号文");
    none("推广430课后服务");
    none("梳理“5080”占比");
    none("采购128排CT、3.0磁共振");
    none("接种23价肺炎疫苗");
    none("（医保发〔2019〕47号）");
    none("推动5G应用");
    none("市轨道交通1号线");
    none("PM2.5浓度");
}

#[test]
fn one_as_an_article_or_inside_a_word() {
    none("推进一批重大项目");
    none("实施新一轮改造");
    none("进一步完善");
    none("一体化推进");
    none("万江街道");
    none("零售网点");
    none("提供“一张图”服务，一张图管理");
    none("统一标准");
    none("一镇一品，一村一物管");
    assert_eq!(one("至少建成一个长者饭堂").value, Some(1.0));
}

#[test]
fn quoted_abbreviations_and_programmes() {
    none("“三小”场所和“两癌”筛查，“四智”应用");
    none("建成15分钟社区优质生活圈");
    none("实施百千万工程");
}

#[test]
fn spans_are_slices_of_the_input() {
    let text = "全年共为120个左右自闭症儿童家庭提供服务，并遴选符合资质的6-8名主培训师。";
    let chars: Vec<char> = text.chars().collect();
    for q in extract(text) {
        assert_eq!(q.text, chars[q.start..q.end].iter().collect::<String>());
    }
    let got = brief(text);
    assert_eq!(got[0].0, "120个左右");
    assert_eq!(got[1].0, "6-8名");
}

#[test]
fn idioms_pairings_and_ratios() {
    none("十分重要，四处奔波，四面八方，三天两头");
    none("开展1对1帮扶");
    none("城乡居民收入比缩小到2.1:1，配比3∶1");
    assert_eq!(one("十分钟到达").unit.as_deref(), Some("分钟"));
    assert_eq!(one("约占30%").cmp, Cmp::Approx);
}

#[test]
fn deadlines_and_durations() {
    none("3年内建成，6个月内完成，近5年来持续推进");
    let q = one("24小时内办结");
    assert_eq!((q.value, q.unit.as_deref(), q.cmp), (Some(24.0), Some("小时"), Cmp::Le));
    assert_eq!(one("用时6个月").unit.as_deref(), Some("个月"));
    assert_eq!(one("送电年限15年以上").cmp, Cmp::Ge);
}

#[test]
fn vague_counts_are_not_amounts() {
    none("几十家企业、数百个项目、十几个部门");
    none("成千上万的群众，万众一心");
    // A noun that ends in 数 (人数, 户数) before Arabic digits is no vague count.
    let q = one("新增城镇就业人数10至15万人");
    assert_eq!((q.min, q.max, q.cmp), (Some(100000.0), Some(150000.0), Cmp::Range));
    assert_eq!(one("参保人数10万人").value, Some(100000.0));
}

#[test]
fn comparators_carry_along_a_list_of_one_unit_or_after_respectively() {
    let got = brief("不少于3000户、5000户分别完成改造");
    assert_eq!((got[0].3, got[1].3), (Cmp::Ge, Cmp::Ge));
    let got = brief("新增就业不少于1万人、城镇登记失业率3%");
    assert_eq!((got[0].3, got[1].3), (Cmp::Ge, Cmp::Eq));
    let got = brief("全市进出口总额和实际利用外资分别突破4000亿元、100亿美元");
    assert_eq!((got[0].3, got[1].3), (Cmp::Ge, Cmp::Ge));
}

#[test]
fn time_frames_are_not_amounts() {
    none("近3年累计投入，过去5年持续推进，今后3年重点建设");
}
