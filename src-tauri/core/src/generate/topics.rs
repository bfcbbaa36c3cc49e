//! What generated programmes are about: debate questions in the language of their
//! series (English, Arabic, Turkish, Russian), framing questions and producer notes.

use super::rng::Rng;

pub(crate) struct Language {
    pub titles: &'static [&'static str],
    pub topics: &'static [&'static str],
    pub places: &'static [&'static str],
    pub framing: &'static [&'static str],
    pub actors: &'static [&'static str],
    pub cities: &'static [&'static str],
}

pub(crate) const ENGLISH: Language = Language {
    titles: &[
        "Can {place} survive the {topic}?",
        "Is the {topic} in {place} about to collapse?",
        "What next for {place} after the {topic}?",
        "Who benefits from the {topic} in {place}?",
        "Will the {topic} change {place} for good?",
        "How should the world respond to the {topic} in {place}?",
        "Is {place} heading for a new {topic}?",
        "Why is the {topic} in {place} so hard to end?",
        "Can talks on the {topic} in {place} succeed?",
        "How long can {place} withstand the {topic}?",
        "Does {actor} hold the key to the {topic} in {place}?",
        "How to achieve a lasting {topic} in {place}?",
    ],
    topics: &[
        "ceasefire",
        "peace talks",
        "election",
        "sanctions",
        "drought",
        "refugee crisis",
        "oil price slump",
        "debt crisis",
        "protests",
        "coup",
        "nuclear deal",
        "water dispute",
        "pipeline deal",
        "press crackdown",
        "trade war",
        "tariff dispute",
        "food crisis",
        "military aid",
        "border dispute",
        "energy transition",
        "grain corridor",
        "currency crisis",
        "cyber attacks",
        "arms race",
        "famine",
        "floods",
        "heatwave",
        "migration surge",
        "corruption scandal",
        "constitutional reform",
        "power vacuum",
        "blockade",
        "truce",
        "hostage talks",
        "reconstruction",
    ],
    places: &[
        "Sudan",
        "Gaza",
        "Ukraine",
        "Yemen",
        "Libya",
        "Syria",
        "Lebanon",
        "Iraq",
        "Iran",
        "Turkey",
        "Egypt",
        "Ethiopia",
        "the Sahel",
        "Somalia",
        "Afghanistan",
        "Pakistan",
        "Kashmir",
        "Myanmar",
        "Taiwan",
        "the South China Sea",
        "Venezuela",
        "Haiti",
        "Colombia",
        "Mexico",
        "Brazil",
        "Argentina",
        "Nigeria",
        "Kenya",
        "Mali",
        "Niger",
        "Armenia",
        "Azerbaijan",
        "Georgia",
        "Belarus",
        "Serbia",
        "Kosovo",
        "the Nile basin",
        "the Gulf",
        "the Red Sea",
        "the Black Sea",
        "the Arctic",
        "Sri Lanka",
        "Bangladesh",
        "North Korea",
        "Tunisia",
        "Algeria",
        "Morocco",
        "Jordan",
        "the Horn of Africa",
        "Moldova",
    ],
    framing: &[
        "What does the {topic} mean for ordinary people in {place}?",
        "Who are the main players, and what do they want?",
        "What leverage does {actor} still have over {place}?",
        "Has the international community failed {place}?",
        "Could the {topic} spill over into {place2}?",
        "What would a lasting settlement look like?",
        "How much is each side really willing to compromise?",
        "Is there a role for {actor} in ending the {topic}?",
        "Why has it taken {n} months to get officials in the same room?",
        "What happens if the talks in {city} fail?",
        "Are the sanctions on {place} working, and on whom?",
        "What did the last round in {city} actually achieve?",
        "Who pays for the {topic}, and who profits?",
        "Is the {topic} a turning point or more of the same?",
    ],
    actors: &[
        "the United States",
        "China",
        "Russia",
        "the EU",
        "Turkey",
        "Qatar",
        "Saudi Arabia",
        "the UN",
        "the African Union",
        "Egypt",
        "Iran",
        "India",
        "the Gulf states",
        "NATO",
    ],
    cities: &[
        "Doha",
        "Geneva",
        "Istanbul",
        "Cairo",
        "Addis Ababa",
        "Vienna",
        "Riyadh",
        "Moscow",
        "Beijing",
        "Nairobi",
        "Ankara",
        "Brussels",
        "Washington",
        "Oslo",
        "Jeddah",
        "Antalya",
        "Muscat",
    ],
};

pub(crate) const ARABIC: Language = Language {
    titles: &[
        "هل تصمد {topic} في {place}؟",
        "ما مستقبل {place} بعد {topic}؟",
        "من المستفيد من {topic} في {place}؟",
        "{topic} في {place}: إلى أين؟",
        "هل ينجح {actor} في احتواء {topic} في {place}؟",
        "لماذا تتعثر الحلول في {place}؟",
        "{place} بين {topic} والضغوط الدولية",
    ],
    topics: &[
        "الهدنة",
        "الانتخابات",
        "العقوبات",
        "الجفاف",
        "أزمة اللاجئين",
        "أسعار النفط",
        "أزمة الديون",
        "الاحتجاجات",
        "الانقلاب",
        "الاتفاق النووي",
        "أزمة المياه",
        "حرية الصحافة",
        "الحرب التجارية",
        "المساعدات العسكرية",
        "النزاع الحدودي",
        "المجاعة",
        "الفيضانات",
        "الهجرة",
        "الفساد",
        "الإصلاح الدستوري",
        "مفاوضات السلام",
        "الحصار",
    ],
    places: &[
        "السودان",
        "غزة",
        "أوكرانيا",
        "اليمن",
        "ليبيا",
        "سوريا",
        "لبنان",
        "العراق",
        "إيران",
        "تركيا",
        "مصر",
        "إثيوبيا",
        "الساحل",
        "الصومال",
        "أفغانستان",
        "باكستان",
        "تونس",
        "الجزائر",
        "المغرب",
        "الخليج",
        "الأردن",
        "البحر الأحمر",
    ],
    framing: &[
        "ما الذي يعنيه ذلك للمواطنين في {place}؟",
        "من هم اللاعبون الرئيسيون وماذا يريدون؟",
        "هل فشل المجتمع الدولي في {place}؟",
        "ما هي فرص التوصل إلى تسوية دائمة؟",
        "هل يمكن أن تمتد الأزمة إلى {place2}؟",
        "ما دور {actor} في إنهاء {topic}؟",
        "ماذا لو فشلت المحادثات في {city}؟",
        "من يدفع ثمن {topic}؟",
    ],
    actors: &[
        "الولايات المتحدة",
        "الصين",
        "روسيا",
        "الاتحاد الأوروبي",
        "تركيا",
        "قطر",
        "الأمم المتحدة",
        "الاتحاد الأفريقي",
        "مصر",
        "السعودية",
    ],
    cities: &[
        "الدوحة",
        "جنيف",
        "القاهرة",
        "إسطنبول",
        "جدة",
        "أديس أبابا",
        "مسقط",
        "فيينا",
    ],
};

pub(crate) const TURKISH: Language = Language {
    titles: &[
        "{topic} ve {place}: Çözüm mümkün mü?",
        "{place} gündemi: {topic} nereye varacak?",
        "{topic} tartışması: {place} ne yapmalı?",
        "Kim kazanacak? {place} ve {topic}",
        "{place} için {topic} ne anlama geliyor?",
        "{actor} {place} konusunda ne istiyor?",
    ],
    topics: &[
        "ateşkes",
        "seçim",
        "yaptırımlar",
        "kuraklık",
        "mülteci krizi",
        "petrol fiyatları",
        "borç krizi",
        "protestolar",
        "darbe girişimi",
        "nükleer anlaşma",
        "su krizi",
        "basın özgürlüğü",
        "ticaret savaşı",
        "gümrük vergileri",
        "gıda fiyatları",
        "askeri yardım",
        "sınır anlaşmazlığı",
        "enerji dönüşümü",
        "tahıl koridoru",
        "enflasyon",
    ],
    places: &[
        "Sudan",
        "Gazze",
        "Ukrayna",
        "Yemen",
        "Libya",
        "Suriye",
        "Lübnan",
        "Irak",
        "İran",
        "Mısır",
        "Etiyopya",
        "Afganistan",
        "Karadeniz",
        "Kafkasya",
        "Balkanlar",
        "Doğu Akdeniz",
        "Kıbrıs",
        "Azerbaycan",
        "Ermenistan",
        "Körfez",
    ],
    framing: &[
        "Bu gelişme {place} halkı için ne anlama geliyor?",
        "Ana aktörler kimler ve ne istiyorlar?",
        "Uluslararası toplum {place} konusunda başarısız mı oldu?",
        "Kalıcı bir çözüm nasıl görünür?",
        "Türkiye'nin arabuluculuk rolü ne olabilir?",
        "Kriz {place2} bölgesine yayılabilir mi?",
        "{city} görüşmeleri sonuç verecek mi?",
        "{actor} bu süreçte nerede duruyor?",
    ],
    actors: &[
        "ABD", "Çin", "Rusya", "AB", "Türkiye", "Katar", "BM", "NATO",
    ],
    cities: &[
        "Antalya",
        "İstanbul",
        "Ankara",
        "Cenevre",
        "Doha",
        "Viyana",
        "Bakü",
    ],
};

pub(crate) const RUSSIAN: Language = Language {
    titles: &[
        "{place}: {topic} — что дальше?",
        "{place} и {topic}: есть ли выход?",
        "Кто выигрывает? {place}, {topic}",
        "{topic} — тупик или шанс? ({place})",
        "Точка зрения: {place} и {topic}",
        "Что может предложить {actor}? {place}",
    ],
    topics: &[
        "перемирие",
        "выборы",
        "санкции",
        "засуха",
        "кризис беженцев",
        "цены на нефть",
        "долговой кризис",
        "протесты",
        "переворот",
        "ядерная сделка",
        "водный кризис",
        "свобода прессы",
        "торговая война",
        "пошлины",
        "продовольственный кризис",
        "военная помощь",
        "пограничный спор",
        "энергетический переход",
        "зерновая сделка",
        "инфляция",
    ],
    places: &[
        "Судан",
        "Газа",
        "Украина",
        "Йемен",
        "Ливия",
        "Сирия",
        "Ливан",
        "Ирак",
        "Иран",
        "Турция",
        "Египет",
        "Эфиопия",
        "Афганистан",
        "Кавказ",
        "Балканы",
        "Армения",
        "Азербайджан",
        "Грузия",
        "Молдова",
        "Арктика",
    ],
    framing: &[
        "Что это значит для жителей региона?",
        "Кто главные игроки и чего они хотят?",
        "Есть ли шанс на долгосрочное урегулирование?",
        "Какую роль может сыграть {actor}?",
        "Может ли кризис перекинуться на соседей?",
        "Почему переговоры так долго не начинались?",
        "Чем закончатся переговоры в {city}?",
    ],
    actors: &[
        "США",
        "Китай",
        "Россия",
        "Евросоюз",
        "Турция",
        "ООН",
        "Катар",
    ],
    cities: &["Женева", "Стамбул", "Доха", "Вена", "Минск", "Анкара"],
};

const NOTES: &[&str] = &[
    "Remote guest in {city}; line check 40 minutes before air.",
    "{guest} asked to be introduced with the full title.",
    "Pronunciation of {guest} checked with the guest's office.",
    "Archive pictures from {year} cleared for use.",
    "Studio guest; car booked from the hotel at {hour}:15.",
    "{guest} joins by phone if the video link fails.",
    "Interpreter needed for {guest}.",
    "Do not mention the earlier booking that fell through.",
    "Map graphic of {place} ready; check the spelling of the town names.",
    "Ask {guest} about the report published last week.",
];

/// `template` with each `{key}` replaced.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (key, value) in values {
        let pattern = format!("{{{key}}}");
        if out.contains(&pattern) {
            out = out.replace(&pattern, value);
        }
    }
    out
}

pub(crate) struct Subject {
    pub topic: &'static str,
    pub place: &'static str,
}

pub(crate) fn subject(lang: &Language, rng: &mut Rng) -> Subject {
    Subject {
        topic: rng.pick(lang.topics),
        place: rng.pick(lang.places),
    }
}

pub(crate) fn title(lang: &Language, s: &Subject, rng: &mut Rng) -> String {
    let actor = rng.pick(lang.actors);
    let mut t = fill(
        rng.pick(lang.titles),
        &[("topic", s.topic), ("place", s.place), ("actor", actor)],
    );
    // "the ceasefire in the Sahel" reads well; a sentence starting "the" does not.
    if let Some(rest) = t.strip_prefix("the ") {
        t = format!("The {rest}");
    }
    t
}

/// `count` different framing questions about the subject.
pub(crate) fn framing(lang: &Language, s: &Subject, count: usize, rng: &mut Rng) -> Vec<String> {
    let mut picked: Vec<usize> = Vec::with_capacity(count);
    while picked.len() < count.min(lang.framing.len()) {
        let i = rng.below(lang.framing.len());
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    picked
        .into_iter()
        .map(|i| {
            let n = (2 + rng.below(30)).to_string();
            let mut q = fill(
                lang.framing[i],
                &[
                    ("topic", s.topic),
                    ("place", s.place),
                    ("place2", rng.pick(lang.places)),
                    ("actor", rng.pick(lang.actors)),
                    ("city", rng.pick(lang.cities)),
                    ("n", &n),
                ],
            );
            if let Some(rest) = q.strip_prefix("the ") {
                q = format!("The {rest}");
            }
            q
        })
        .collect()
}

/// Producer notes: often none, otherwise one or two practical lines.
pub(crate) fn notes(s: &Subject, guests: &[&str], year: i32, rng: &mut Rng) -> String {
    if guests.is_empty() || rng.chance(0.45) {
        return String::new();
    }
    let lines = 1 + rng.below(2);
    (0..lines)
        .map(|_| {
            let year = (year - 1 - rng.below(10) as i32).to_string();
            let hour = (8 + rng.below(12)).to_string();
            fill(
                rng.pick(NOTES),
                &[
                    ("guest", rng.pick(guests)),
                    ("city", rng.pick(ENGLISH.cities)),
                    ("place", s.place),
                    ("year", &year),
                    ("hour", &hour),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
