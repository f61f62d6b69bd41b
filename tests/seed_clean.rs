//! Safeguards for the seed fixers, in ftfy's style: text that is fine already and must
//! come out byte-identical.

use zhfix::Pipeline;

#[test]
fn legitimate_pinyin_and_question_marks_survive() {
    let pipeline = Pipeline::builder().build().expect("pipeline");
    for text in [
        "银行(yínháng)和行(háng)业,长(cháng)短不一。\n",
        "这个字读作 一(yí),如 一(yí)个;不(bú)对。\n",
        "如果 inchan被關閉,則寫出為 outchan 而排隊(queue)的所有數據。\n",
        "千里目,更上一層(céng)樓。\n",
        "這是什麼?xì)是什麼意思?\n",
        "用法: foo(1), bar(n) 和 e(s)。問題?答案!\n",
        "你好?我很好。你呢?\n",
    ] {
        let fixed = pipeline.fix_str(text).expect("fix");
        assert_eq!(fixed.text, text);
        assert!(
            fixed.report.repairs.is_empty(),
            "{:?}",
            fixed.report.repairs
        );
    }
}
