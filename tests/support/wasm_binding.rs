// Included by tests/wasm_node.rs and tests/wasm_browser.rs: the binding, exercised as JavaScript would.
use js_sys::{Array, Object, Reflect};
use veil::wasm::{categories, levels, MessageFilter};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn medium() -> MessageFilter {
    MessageFilter::new(obj(&[("level", "medium".into())])).unwrap()
}

#[wasm_bindgen_test]
fn harmful_message_is_hidden_and_benign_shown() {
    let mut f = medium();
    let v = f
        .check(
            JsValue::from("send me a video of your daughter's feet"),
            JsValue::UNDEFINED,
        )
        .unwrap();
    assert_eq!(get(&v, "action").as_string().unwrap(), "hide");
    let v = f
        .check(JsValue::from("Does this fit a 7-year-old?"), JsValue::UNDEFINED)
        .unwrap();
    assert_eq!(get(&v, "action").as_string().unwrap(), "show");
}

#[wasm_bindgen_test]
fn verdict_has_categories_reasons_and_utf16_spans() {
    let mut f = medium();
    let text = "你好 有原味袜子吗";
    let meta = obj(&[("sender", "u1".into()), ("time", 1.7e12.into())]);
    let v = f.check(JsValue::from(text), meta).unwrap();
    let cats: Array = get(&v, "categories").dyn_into().unwrap();
    assert!(cats.length() >= 1);
    let first = cats.get(0);
    assert_eq!(
        get(&first, "category").as_string().unwrap(),
        "sexual_minors"
    );
    let span = Array::from(&get(&first, "spans")).get(0);
    let (s, e) = (
        get(&span, "start").as_f64().unwrap() as usize,
        get(&span, "end").as_f64().unwrap() as usize,
    );
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert!(String::from_utf16(&utf16[s..e])
        .unwrap()
        .starts_with("原味"));
    let reasons: Array = get(&v, "reasons").dyn_into().unwrap();
    assert!(!get(&reasons.get(0), "zh").as_string().unwrap().is_empty());
}

#[wasm_bindgen_test]
fn bad_settings_throw_clear_errors() {
    let err = MessageFilter::new(obj(&[("level", "extreme".into())]))
        .err()
        .expect("unknown level is refused");
    let msg = format!("{:?}", JsValue::from(err));
    assert!(msg.contains("extreme"), "{msg}");
    let overrides = obj(&[("nonsense", "hide".into())]);
    assert!(MessageFilter::new(obj(&[("overrides", overrides)])).is_err());
    assert!(MessageFilter::new(obj(&[("levle", "low".into())])).is_err());
}

#[wasm_bindgen_test]
fn settings_round_trip_and_override() {
    let mut f = medium();
    let overrides = obj(&[("off_platform", "show".into())]);
    f.set_settings(obj(&[("level", "high".into()), ("overrides", overrides)]))
        .unwrap();
    let s = f.settings().unwrap();
    assert_eq!(get(&s, "level").as_string().unwrap(), "high");
    assert_eq!(get(&s, "version").as_f64().unwrap(), 1.0);
    let v = f.check(JsValue::from("加我微信"), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&v, "action").as_string().unwrap(), "show");
}

#[wasm_bindgen_test]
fn a_text_that_is_not_a_string_is_a_type_error_not_a_trap() {
    let mut f = medium();
    for bad in [JsValue::from(42), JsValue::NULL, JsValue::UNDEFINED, Array::new().into()] {
        let e = f.check(bad, JsValue::UNDEFINED).unwrap_err();
        assert!(e.is_instance_of::<js_sys::TypeError>());
    }
    assert!(f.check_batch(JsValue::from("not an array")).is_err());
    let v = f
        .check(JsValue::from("you stupid bitch"), JsValue::UNDEFINED)
        .unwrap();
    assert_ne!(get(&v, "action").as_string().unwrap(), "show");
}

#[wasm_bindgen_test]
fn batch_and_name_lists() {
    let mut f = medium();
    let v = f
        .check_batch(Array::of2(&"hello".into(), &"you stupid bitch".into()).into())
        .unwrap();
    let arr: Array = v.dyn_into().unwrap();
    assert_eq!(arr.length(), 2);
    assert_eq!(get(&arr.get(0), "action").as_string().unwrap(), "show");
    assert_ne!(get(&arr.get(1), "action").as_string().unwrap(), "show");
    assert_eq!(categories().len(), 12);
    assert_eq!(levels(), vec!["off", "low", "medium", "high", "strict"]);
}
