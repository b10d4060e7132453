"""The article texts of the web fixtures, written by us (never copied from the real sites).

Each article is what a perfect extractor returns as the page's body: its paragraphs, in
order, one per line. ``make_pages.py`` wraps them in the layouts of the sites.
"""

from __future__ import annotations

KT_EN_MFA = dict(
    title="Kazakhstan and Norway Discuss Green Hydrogen and Arctic Research",
    paragraphs=[
        "Deputy Minister of Foreign Affairs of Kazakhstan Roman Vassilenko met with State Secretary of the Norwegian Ministry of Foreign Affairs Eivind Vad Petersson in Oslo, Ministry of Foreign Affairs of the Republic of Kazakhstan reports.",
        "The parties discussed the current state and prospects of bilateral cooperation in the political, trade, economic and cultural spheres. Particular attention was paid to joint projects in green hydrogen production, carbon capture and the modernisation of the energy infrastructure of Kazakhstan's western regions.",
        "Roman Vassilenko noted that Norwegian companies have invested more than 1.4 billion US dollars in the economy of Kazakhstan since 2005, and invited Norwegian businesses to take part in the tender for offshore wind projects on the Caspian coast.",
        "The Norwegian side expressed interest in expanding scientific exchanges, including joint Arctic and high-mountain climate research with the universities of Almaty and Astana, and in opening a direct air connection between the two capitals.",
        "Following the talks, the sides agreed to hold a meeting of the bilateral business council in Astana in the first half of 2026.",
    ],
)

KT_RU_OWN = dict(
    title="В Алматы откроют четыре новых станции велопроката до конца весны",
    paragraphs=[
        "До конца мая в Алматы установят четыре новых станции городского велопроката: у станции метро «Сарыарка», в микрорайоне Алмагуль, на пересечении проспекта Абая и улицы Розыбакиева и у парка Первого Президента.",
        "Как рассказали в управлении мобильности города, в прошлом сезоне велосипедами и электросамокатами общего пользования воспользовались более 2,3 миллиона раз, а средняя поездка заняла 14 минут.",
        "Стоимость абонемента на сезон сохранится на уровне прошлого года – 9 900 тенге. Для студентов и пенсионеров будет действовать скидка 50 процентов при регистрации через приложение.",
        "Кроме того, в городе продолжат строительство выделенных велодорожек: в 2026 году планируется проложить ещё 38 километров, в том числе вдоль реки Есентай и по улице Жандосова.",
        "Сезон велопроката традиционно откроется 1 апреля, если позволят погодные условия.",
    ],
)

QAZINFORM_EN = dict(
    title="Kazakhstan to launch second national satellite for Earth observation in 2027",
    paragraphs=[
        "ASTANA. KAZINFORM – Kazakhstan plans to launch its second high-resolution Earth observation satellite in the autumn of 2027, Minister of Digital Development, Innovations and Aerospace Industry Zhaslan Madiyev told a briefing in the Government on Tuesday.",
        "According to the minister, the new spacecraft will be assembled at the Astana space technology centre with the participation of a European partner, and at least 40 percent of its components will be produced in Kazakhstan.",
        "\"The satellite will allow us to monitor crops, floods and the state of pastures with a resolution of up to 50 centimetres. Today we buy a considerable part of such images abroad,\" Madiyev said.",
        "The images will be provided free of charge to akimats, the Ministry of Emergency Situations and the Ministry of Agriculture, while commercial users will be able to purchase them through a single digital platform.",
        "The project is estimated at 68 billion tenge. The first test images are expected in early 2028.",
    ],
)

QAZINFORM_RU = dict(
    title="В Алматинской области начали подготовку к весеннему паводку",
    paragraphs=[
        "АЛМАТЫ. KAZINFORM – В Алматинской области завершается подготовка к весеннему паводковому периоду: спасатели обследовали 64 населённых пункта, расположенных в зоне возможного подтопления.",
        "Как сообщили в департаменте по чрезвычайным ситуациям региона, за зиму были очищены более 180 километров арыков и водоотводных каналов, укреплены дамбы на реках Каскелен, Талгар и Иссык.",
        "В готовности к реагированию находятся более 1 200 спасателей и 300 единиц техники, в том числе мотопомпы и плавсредства. В сёлах Енбекшиказахского района созданы запасы мешков с песком.",
        "Жителей призывают заранее очистить дворы от снега и при подъёме воды звонить по номеру 112.",
    ],
)

QAZINFORM_KK_LATIN = dict(
    title="Túrkistanda jańa halyqaralyq áýejaı termınaly salynady",
    paragraphs=[
        "TÚRKISTAN. KAZINFORM – Túrkistan qalasynda jylyna 3 mıllıon jolaýshyǵa arnalǵan jańa áýejaı termınalynyń qurylysy bastaldy.",
        "Oblys ákimdiginiń málimetinshe, jobanyń quny 45 mıllıard teńgeni quraıdy. Termınalda 12 tirkeý ústeli, eki jolaýshy kópiri jáne 600 kólikke arnalǵan turaq bolady.",
        "Qazirgi ýaqytta Túrkistan áýejaıy Stambul, Dýbaı, Jıdda jáne Qazaqstannyń segiz qalasymen turaqty áýe qatynasyn qamtamasyz etedi. Ótken jyly áýejaı arqyly 1,1 mıllıon jolaýshy ushqan.",
        "Qurylys jumystary 2027 jyldyń sońyna deıin aıaqtalady dep josparlanyp otyr.",
    ],
)

GOVKZ_MFA_EN = dict(
    title="Kazakhstan and Japan Hold Consultations on Consular Issues",
    paragraphs=[
        "On 4 March 2026, consultations on consular issues between the Ministries of Foreign Affairs of Kazakhstan and Japan were held in Astana.",
        "The Kazakh delegation was headed by Director of the Consular Service Department Aibek Smadiyarov, and the Japanese delegation by Director of the Consular Policy Division Takahiro Nakamura.",
        "The parties discussed the simplification of visa procedures for business travellers, the protection of the rights of citizens of both countries, and the exchange of information on labour migration. The Japanese side welcomed the extension of the visa-free regime for citizens of Japan until the end of 2027.",
        "The sides also agreed on further steps to prepare an intergovernmental agreement on the readmission of persons and to hold the next round of consultations in Tokyo in 2027.",
    ],
)

GOVKZ_MFA_KK = dict(
    title="Қазақстан мен Вьетнам экономикалық ынтымақтастықты кеңейтуді талқылады",
    paragraphs=[
        "Қазақстан Республикасы Сыртқы істер министрінің орынбасары Ермек Көшербаев Вьетнам Социалистік Республикасының Астанадағы елшісі Фам Тхань Бинмен кездесті.",
        "Тараптар екі ел арасындағы саяси диалогтың жай-күйін, сауда-экономикалық және көлік-логистикалық салалардағы ынтымақтастықты талқылады. Өткен жылы Қазақстан мен Вьетнам арасындағы тауар айналымы 1,5 миллиард долларға жетті.",
        "Кездесу барысында Алматы мен Хошимин арасындағы тікелей әуе рейсін ашу, сондай-ақ қазақстандық астық пен ет өнімдерінің Вьетнам нарығына экспортын ұлғайту мәселелері қаралды.",
        "Е. Көшербаев үкіметаралық комиссияның кезекті отырысын биылғы жылдың екінші жартысында Ханойда өткізуді ұсынды.",
    ],
)

ASTANATIMES_1 = dict(
    title="Almaty Opens First Public Library With 24-Hour Reading Hall",
    paragraphs=[
        "ALMATY – The city's first public library with a round-the-clock reading hall opened on March 2 in the Bostandyk district, offering 40,000 books in Kazakh, Russian and English and a coworking space for students.",
        "The three-story building, a former Soviet cinema, was renovated with funds from the city budget and a local charitable foundation. Its reading hall seats 180 people, and a separate floor is reserved for children, with a puppet theater and a room for reading lessons.",
        "“Students told us that they have nowhere to study at night when dormitories are noisy. We wanted a quiet and safe place that is always open,” said Aigerim Tulegenova, head of the city's culture department.",
        "The library will also host free language courses and meetings with Kazakh writers every Saturday. Readers can borrow books with the same card they use for public transport.",
        "City officials plan to open two more libraries of this type in the Alatau and Turksib districts by 2027.",
    ],
)

ASTANATIMES_2 = dict(
    title="Kazakhstan’s Grain Exports Reach Record 13 Million Tons",
    paragraphs=[
        "ASTANA – Kazakhstan exported a record 13 million tons of grain and flour in the 2024-2025 marketing year, Kazinform reports.",
        "According to the Ministry of Agriculture, the main buyers were Uzbekistan, Tajikistan, Afghanistan, China and Iran, while shipments to the European Union and North Africa grew threefold compared to the previous season.",
        "The growth was made possible by a harvest of 26.7 million tons and by new transport routes, including the Trans-Caspian International Transport Route and the railway through Turkmenistan to the Persian Gulf.",
        "Farmers say that high freight costs remain the main obstacle. “Half of the price of our wheat on the border is transport,” said Yerlan Dossanov, head of a farm in the Kostanay region.",
        "The ministry expects exports to remain at 11-12 million tons in the current season.",
    ],
)

GENERIC_RU = dict(
    title="В Талдыкоргане отремонтируют 40 дворов по программе благоустройства",
    paragraphs=[
        "В Талдыкоргане в этом году отремонтируют 40 дворов многоэтажных домов. Работы пройдут по городской программе благоустройства, на которую из местного бюджета выделено 2,8 миллиарда тенге.",
        "В отделе жилищно-коммунального хозяйства рассказали, что в каждом дворе обновят асфальт, установят детские и спортивные площадки, скамейки и освещение. Список адресов составлен по обращениям жителей, поданным через портал «Открытые НПА» и на встречах с акимом.",
        "Первые подрядчики выйдут на объекты в середине апреля. Завершить работы планируют до 1 октября, а ход ремонта можно будет отслеживать на интерактивной карте на сайте акимата.",
        "Жители также смогут принять работы: в приёмочную комиссию каждого двора войдут председатель объединения собственников и двое жильцов.",
    ],
)

GENERIC_EN = dict(
    title="Caspian Seal Population Survey Finds Numbers Stable",
    paragraphs=[
        "AKTAU – An aerial survey of the Caspian seal population carried out in February found about 180,000 animals on the ice of the northern Caspian, roughly the same number as three years ago, scientists said on Thursday.",
        "The survey, run by the Institute of Hydrobiology and Ecology with support from an international conservation fund, covered 12,000 square kilometres of ice over six days.",
        "Researchers warned that the shrinking ice cover remains the main threat to the species, which breeds only on ice. Last winter the ice formed three weeks later than the long-term average.",
        "Fishermen were asked to report seals caught in nets to the regional fisheries inspection, which will publish an updated map of protected breeding areas in April.",
    ],
)

CP1251_RU = dict(
    title="В Семее открылся музей истории местного трамвая",
    paragraphs=[
        "В Семее в здании бывшего трамвайного депо открылся музей истории городского электротранспорта. Экспозиция рассказывает о трамвае, который ходил по улицам города с 1959 по 2001 год.",
        "Посетители увидят отреставрированный вагон КТМ-2, билеты, компостеры, форму кондукторов и более 300 фотографий из архивов бывших работников депо.",
        "Идея музея принадлежит ветеранам предприятия, которые несколько лет собирали экспонаты. Реставрацию вагона выполнили студенты политехнического колледжа.",
        "Вход в музей бесплатный, он работает со среды по воскресенье с 10:00 до 18:00.",
    ],
)
