#!/usr/bin/env python3
"""make_records.py - write hand-made meeting records for the seed texts.

Until the extract stage lands, the compare tests run on these records. Each
evidence is a sentence given here by its text; the script finds its bytes in
seeds/<file> and writes start/end (so input[start:end] is the sentence).
Usage: make_records.py SEEDS_DIR OUT_DIR"""
import hashlib, json, os, sys

seeds, out = sys.argv[1], sys.argv[2]

def ev_maker(data):
    def ev(s, block=None, nth=0):
        b = s.encode()
        pos = -1
        for _ in range(nth + 1):
            pos = data.index(b, pos + 1)
        e = {"text": " ".join(s.split()), "start": pos, "end": pos + len(b)}
        if block:
            e["block"] = block
        return e
    return ev

def record(fname, source, meeting, mev, people, topics, exercises=(), mechanisms=(),
           commitments=(), quotes=(), acronyms=(), related=(), sentences=()):
    data = open(os.path.join(seeds, fname), "rb").read()
    ev = ev_maker(data)
    from_key = lambda n: " ".join(n.lower().replace("-", "").split())
    rec = {
        "format": "briefing-meeting/1",
        "source": dict(file=fname, sha256=hashlib.sha256(data).hexdigest(), encoding="UTF-8",
                       **source),
        "meeting": dict(meeting, evidence={k: (ev(*v) if v else None) for k, v in mev.items()}),
        "related_meetings": [dict(r[0], evidence=ev(r[1])) for r in related],
        "participants": [dict(name=p[0], key=from_key(p[0]), side=p[1], title=p[2], role=p[3],
                              acting=p[4], evidence=[ev(*x) if isinstance(x, tuple) else ev(x) for x in p[5]])
                         for p in people],
        "acronyms": [dict(acronym=a, name=n, evidence=ev(s)) for a, n, s in acronyms],
        "topics": [dict(id=t, evidence=[ev(s) for s in ss]) for t, ss in topics],
        "commitments": [dict(actor=a, verb=v, text=t, evidence=ev(s)) for a, v, t, s in commitments],
        "mechanisms": [dict(name=n, acronym=a, evidence=ev(s)) for n, a, s in mechanisms],
        "exercises": [dict(name=n, evidence=[ev(s)]) for n, s in exercises],
        "quotes": [dict(speaker=sp, text=t, evidence=ev(s)) for sp, t, s in quotes],
        "figures": [],
    }
    if sentences:
        rec["sentences"] = [ev(s) for s in sentences]
    with open(os.path.join(out, fname.replace(".txt", ".json")), "w") as f:
        json.dump(rec, f, indent=2, ensure_ascii=False)
        f.write("\n")

# ---- 23rd KIDD, joint statement
K23_HELD = "The U.S. Department of Defense (DoD) and the Republic of Korea (ROK) Ministry of National Defense (MND) held the 23rd Korea-U.S. Integrated Defense Dialogue (KIDD) on September 18, 2023 in Seoul."
K23_LEAD = "Acting Deputy Assistant Secretary of Defense (DASD) for East Asia, Cara Allison Marshall, led the U.S. delegation and Deputy Minister for National Defense Policy (DEPMIN), Dr. Taekeun Heo, led the ROK delegation."
K23_DENUC = "During the Security Policy Initiative session, both sides reaffirmed the shared U.S. and ROK goal of the complete denuclearization of the Democratic People's Republic of Korea (DPRK)."
K23_PROV = "The two sides shared their assessments of continued DPRK provocations and its efforts to diversify its delivery systems and advance its nuclear systems."
K23_IRON = "Furthermore, the U.S. side reaffirmed its ironclad commitment to the defense of the ROK, leveraging the full range of U.S. military capabilities—including nuclear, conventional, and missile defense capabilities as well as advanced non-nuclear capabilities—and reiterated that any nuclear attack by the DPRK against the United States or its Allies will result in the end of the Kim regime."
K23_UFS = "To this effect, the two sides assessed that the Ulchi Freedom Shield 23 (UFS23) exercise significantly improved the Alliance's crisis management and all-out war execution capabilities."
K23_WS = "They also assessed that UFS23, in conjunction with over 30 intensive Warrior Shield field training exercises, enhanced combined operation execution capabilities."
K23_POSTURE = "They pledged to continue strengthening combined defense posture and capabilities to defend the ROK as well as deter conflict on the Peninsula."
K23_NCG = "The leaders shared a common understanding that the document, in conjunction with the progress achieved through the newly established Nuclear Consultative Group (NCG), will c"
K23_PAWG = "The leaders reviewed progress on the Program Analysis Working Group (PAWG), which aims to counter the DPRK's evolving missile threat and pledged to continue close collaboration."
K23_CMWG = "Both sides also agreed to initiate a joint study through the Counter-Missile Working Group (CMWG) to further develop the Alliance's comprehensive counter-missile strategy."
K23_CCWG = "The two sides commended the outcomes of the May 2023 Cyber Cooperation Working Group (CCWG) meeting, which included discussions on plans to participate in a bilateral cyber exercise early next year."
K23_RULES = "As such, the two leaders reaffirmed the importance of upholding the the rules-based international order and adhering to international law."
K23_CAMP = "The two sides also underscored the significance of the outcomes of the Trilateral Leaders' Summit at Camp David in August, which marked the beginning of a \"new era of ROK-U.S.-Japan cooperation.\""
K23_SCM = "In commemorating the 70th anniversary of the U.S.-ROK Alliance and Armistice Agreement, the two sides agreed to co-host the ROK-UNC Member States Defense Ministerial Meeting in conjunction with the 55th Security Consultative Meeting (SCM) in November."
K23_SCI = "On defense science and technology cooperation, both sides recognized the need to modernize the Alliance and expeditiously deliver game-changing technologies to the warfighter."
K23_OPCON = "During the Conditions-based Operational Control (OPCON) Transition Working Group (COTWG), both sides reviewed the progress in meeting the three conditions under the bilaterally approved Conditions-based OPCON Transition Plan (COTP) and reaffirmed a mutual commitment to strengthening the combined defense posture of the Alliance."
K23_END = "In conclusion, ROK and U.S. leaders assessed that the 23rd KIDD significantly contributed to reaffirming the strong cohesion of the Alliance, bolstering Alliance coordination, and strengthening the ROK-U.S. combined defense posture."
record("002_dc2aaaf93fcb0801.txt",
       dict(title="Joint Press Statement for the 23rd Korea-U.S. Integrated Defense Dialogue",
            publisher="U.S. Department of Defense", published="2023-09-18",
            doc_type="joint_statement", words=1650, sentences=40),
       dict(series="KIDD", name="Korea-U.S. Integrated Defense Dialogue", ordinal=23,
            start_date="2023-09-18", end_date="2023-09-18", city="Seoul", country="ROK",
            format="bilateral", date_basis="explicit"),
       dict(name=(K23_HELD,), ordinal=(K23_HELD,), dates=(K23_HELD,), city=(K23_HELD,), format=None),
       [("Cara Allison Marshall", "US", "Acting Deputy Assistant Secretary of Defense (DASD) for East Asia", "lead", True, [K23_LEAD]),
        ("Taekeun Heo", "ROK", "Deputy Minister for National Defense Policy (DEPMIN)", "lead", False, [K23_LEAD])],
       [("denuclearization", [K23_DENUC]), ("dprk_threat", [K23_PROV, K23_PAWG]),
        ("extended_deterrence", [K23_IRON, K23_NCG]), ("combined_posture", [K23_POSTURE, K23_END]),
        ("exercises", [K23_UFS, K23_WS]), ("missile_defense", [K23_CMWG]),
        ("opcon_transition", [K23_OPCON]), ("cyber", [K23_CCWG]),
        ("science_technology", [K23_SCI]), ("trilateral_japan", [K23_CAMP]),
        ("regional_security", [K23_RULES]), ("unc", [K23_SCM])],
       exercises=[("Ulchi Freedom Shield 23", K23_UFS), ("Warrior Shield", K23_WS)],
       mechanisms=[("Nuclear Consultative Group", "NCG", K23_NCG),
                   ("Program Analysis Working Group", "PAWG", K23_PAWG),
                   ("Counter-Missile Working Group", "CMWG", K23_CMWG),
                   ("Cyber Cooperation Working Group", "CCWG", K23_CCWG)],
       commitments=[("U.S.", "reaffirmed", "ironclad commitment to the defense of the ROK", K23_IRON),
                    ("both sides", "pledged", "continue strengthening combined defense posture and capabilities", K23_POSTURE),
                    ("both sides", "reaffirmed", "goal of the complete denuclearization of the DPRK", K23_DENUC)],
       acronyms=[("KIDD", "Korea-U.S. Integrated Defense Dialogue", K23_HELD),
                 ("DASD", "Deputy Assistant Secretary of Defense", K23_LEAD),
                 ("NCG", "Nuclear Consultative Group", K23_NCG)],
       related=[(dict(series="SCM", name="Security Consultative Meeting", ordinal=55, start_date=None,
                      end_date=None, date_text="November"), K23_SCM)])

# ---- 56th SCM, analysis (date only in a caption)
S_HELD = "The United States and the Republic of Korea (ROK) conducted the 56th U.S.-ROK Security Consultative Meeting (SCM) in Washington."
S_LEADS = "U.S. Secretary of Defense Lloyd Austin U.S. Secretary of State Antony Blinken met with ROK Minister of National Defense Kim Yong Hyun and ROK Minister of Foreign Affairs Cho Tae-yul."
S_CAP = "U.S. Secretary of Defense Lloyd Austin and Secretary of State Antony Blinken hosted South Korean counterparts for the U.S.-ROK Security Consultative Meeting on October 31, 2024."
S_IRON = "During the SCM, the United States reaffirmed its “ironclad” commitment to extended deterrence for South Korea, focusing on nuclear and conventional capabilities to counter threats from North Korea."
S_NCG = "As part of this enhanced posture, the U.S. and South Korea announced plans to strengthen integrated planning and decision-making processes under the Nuclear Consultative Group (NCG), which oversees nuclear deterrence strategies on the Korean Peninsula."
S_EX = "Additionally, the allies committed to large-scale field training exercises, such as Freedom Shield and Ulchi Freedom Shield, to fortify crisis management capabilities and strengthen defense readiness."
S_ICBM = "Secretary Blinken highlighted North Korea’s continued missile tests, including an intercontinental ballistic missile (ICBM) launch that reportedly placed nearly all of the U.S. within range."
S_RU = "The meetings were overshadowed by recent reports of North Korea-Russia military cooperation."
S_KIM = "U.S. Secretary Austin and South Korean Defense Minister Kim Yong-hyun also discussed North Korea and Russian cooperation."
S_Q = "“I am increasingly concerned that [the] Kremlin plans to use these North Korean soldiers to support Russia’s combat operations in Russia’s Kursk Region, near the border with Ukraine,” Austin said."
S_UN = "South Korean officials condemned these actions as a violation of United Nations Security Council resolutions."
record("004_219379f1706d1a44.txt",
       dict(title="US and South Korea strengthen alliance with 2+2 security consultative ministerial dialogue",
            publisher="IRIA", published=None, doc_type="analysis", words=1030, sentences=45),
       dict(series="SCM", name="U.S.-ROK Security Consultative Meeting", ordinal=56,
            start_date="2024-10-31", end_date="2024-10-31", city="Washington", country="US",
            format="2+2", date_basis="caption"),
       dict(name=(S_HELD,), ordinal=(S_HELD,), dates=(S_CAP, "caption"), city=(S_HELD,), format=None),
       [("Lloyd Austin", "US", "Secretary of Defense", "lead", False, [S_LEADS]),
        ("Antony Blinken", "US", "Secretary of State", "lead", False, [S_LEADS]),
        ("Kim Yong Hyun", "ROK", "Minister of National Defense", "lead", False, [S_LEADS, S_KIM]),
        ("Cho Tae-yul", "ROK", "Minister of Foreign Affairs", "lead", False, [S_LEADS])],
       [("dprk_threat", [S_ICBM]), ("extended_deterrence", [S_IRON, S_NCG]),
        ("exercises", [S_EX]), ("dprk_russia", [S_RU, S_Q]), ("un_sanctions", [S_UN]),
        ("combined_posture", [S_NCG])],
       exercises=[("Freedom Shield", S_EX), ("Ulchi Freedom Shield", S_EX)],
       mechanisms=[("Nuclear Consultative Group", "NCG", S_NCG)],
       commitments=[("United States", "reaffirmed", "ironclad commitment to extended deterrence for South Korea", S_IRON),
                    ("allies", "committed", "large-scale field training exercises", S_EX)],
       quotes=[("Lloyd Austin", "I am increasingly concerned that [the] Kremlin plans to use these North Korean soldiers", S_Q)],
       acronyms=[("SCM", "Security Consultative Meeting", S_HELD), ("NCG", "Nuclear Consultative Group", S_NCG)])

# ---- 2025 KIDD, short news report (relative dates, caption)
N_TOP = "South Korea and the United States agreed to further cooperate to achieve shared security goals on the Korean Peninsula and in the Indo-Pacific during their key defense talks in Washington this week, Seoul's Defense Ministry said Saturday."
N_WHEN = "The Korea-U.S. Integrated Defense Dialogue (KIDD) took place on Thursday and Friday."
N_LEAD = "The meeting was led by Cho Chang-rae, South Korea's deputy defense minister for policy, and key U.S. officials — John Noh, who performs the duties of the assistant secretary of defense for Indo-Pacific security affairs, and Andrew Winternitz, who performs the duties of the deputy assistant secretary of defense for East Asia."
N_ALL = "The two sides assessed that the latest KIDD meeting laid a foundation for practical cooperation to further solidify the bilateral alliance, according to the ministry."
N_COLBY = "After the KIDD meeting, Cho had separate talks with U.S. Under Secretary of Defense for Policy Elbridge Colby to discuss the results of the meeting and exchange views on ways to strengthen the alliance, the ministry said."
N_FIRST = "It was the first KIDD meeting since U.S. President Donald Trump took office in January."
N_HIST = "Seoul and Washington have held the KIDD meeting once or twice a year since it was launched in 2011 as a comprehensive senior-level defense meeting."
record("000_35855249f4cde711.txt",
       dict(title="Korea, U.S. agree to further cooperate on shared security goals for Korean Peninsula, Indo-Pacific",
            publisher="Korea JoongAng Daily", published="2025-05-03", doc_type="news_report", words=290, sentences=7),
       dict(series="KIDD", name="Korea-U.S. Integrated Defense Dialogue", ordinal=None,
            start_date="2025-05-01", end_date="2025-05-02", city="Washington", country="US",
            format="bilateral", date_basis="relative"),
       dict(name=(N_WHEN,), ordinal=None, dates=(N_WHEN,), city=(N_TOP,), format=None),
       [("Cho Chang-rae", "ROK", "deputy defense minister for policy", "lead", False, [N_LEAD]),
        ("John Noh", "US", "assistant secretary of defense for Indo-Pacific security affairs", "lead", True, [N_LEAD]),
        ("Andrew Winternitz", "US", "deputy assistant secretary of defense for East Asia", "lead", True, [N_LEAD]),
        ("Elbridge Colby", "US", "Under Secretary of Defense for Policy", "side_meeting", False, [N_COLBY]),
        ("Donald Trump", "US", "President", "mentioned", False, [N_FIRST])],
       [("regional_security", [N_TOP]), ("alliance_vision", [N_ALL])],
       acronyms=[("KIDD", "Korea-U.S. Integrated Defense Dialogue", N_WHEN)],
       sentences=[N_TOP, N_WHEN, N_FIRST, N_LEAD, N_ALL, N_COLBY, N_HIST])
