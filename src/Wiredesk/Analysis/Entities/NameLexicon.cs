using System.Collections.Frozen;

namespace Wiredesk.Analysis.Entities;

/// <summary>Word lists the name rules rely on. General English and international usage, written by hand;
/// none of it comes from any particular document.</summary>
internal static class NameLexicon
{
    private static FrozenSet<string> Set(string words, StringComparer? comparer = null) =>
        words.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(comparer ?? StringComparer.Ordinal);

    /// <summary>Titles and roles written before a name ("Deputy Secretary of State Kurt Campbell"); compared ignoring case.</summary>
    public static readonly FrozenSet<string> Titles = Set("""
        President President-elect Vice Deputy Secretary Minister Prime Premier Chancellor Foreign First Under Assistant Acting
        Governor Gov. Senator Sen. Representative Rep. Congressman Congresswoman Mayor Ambassador Envoy Spokesperson Spokesman
        Spokeswoman Press Chief Chair Chairman Chairwoman Director Executive Officer CEO CFO COO CTO Leader General Gen. Maj. Lt.
        Col. Capt. Cmdr. Adm. Sgt. Cpl. Pvt. Brig. Lieutenant Colonel Major Captain Commander Admiral Sergeant Marshal Mr. Mrs. Ms.
        Miss Dr. Prof. Professor King Queen Prince Princess Emperor Empress Sultan Emir Amir Pope Cardinal Archbishop Bishop
        Rev. Reverend Judge Justice Commissioner Councillor Councilor Attorney Treasurer Speaker Lord Lady Sir Dame Petty Class
        Supreme Senior Junior State Treasury Commerce Labor Labour Agriculture Transportation Education Homeland Veterans Defense Defence Finance Trade Interior Justice Home Economy Economic Energy Health National
        Security Adviser Advisor Counselor Counsellor Spokesperson MP MEP MLA PhD Esq. Secretary-General Director-General Vice-Minister
        Vice-President Dep. Sec. Chairperson Founder Co-founder Analyst Economist Strategist Correspondent Reporter Editor
        """, StringComparer.OrdinalIgnoreCase);

    /// <summary>Lower-case role nouns that introduce a name: "vice foreign minister, Kim Hong-kyun", "leader Kim Jong Un".</summary>
    public static readonly FrozenSet<string> RoleNouns = Set("""
        president minister secretary chancellor premier leader spokesperson spokesman spokeswoman ambassador envoy director chief
        chairman chairwoman chair governor senator mayor general commander officer executive adviser advisor official analyst
        economist professor dictator ruler king queen prince emir sheikh counterpart deputy vice-minister secretary-general
        """);

    /// <summary>Last words that make a capitalised phrase an organisation ("Federal Reserve Board").</summary>
    public static readonly FrozenSet<string> OrgHeads = Set("""
        Ministry Department Agency Bank Council Committee Commission Office Institute University Corporation Corp. Inc.
        Ltd. LLC L.L.C. PLC plc Limited Group Holdings Company Co. Authority Board Administration Command Force Navy Army
        Corps Guard Service Bureau Association Federation Union Party Fund Reserve Exchange Parliament Congress Senate
        Assembly Court Tribunal Police Foundation Society Organization Organisation Alliance Coalition Front Movement
        Network Newsroom News Times Post Journal Agency Secretariat Cabinet Government Directorate Initiative Program Programme
        Center Centre Laboratory Laboratories Industries Technologies Partners Companies Capital Airlines Airways
        Motors Energy Pharmaceuticals Newswire Wire Press Media Broadcasting Studios Institution Institutions Commissioner
        Chamber Consortium Club Forum Parliament Legislature Duma Knesset Diet Ministry Embassy Consulate Mission Delegation
        """);

    /// <summary>Last words of the names of laws and agreements, which are not entities.</summary>
    public static readonly FrozenSet<string> DocumentHeads = Set("Act Acts Law Treaty Agreement Accord Accords Bill Convention Resolution Strategy Charter Declaration Protocol Pact Doctrine");

    /// <summary>Heads that also start an organisation name followed by "of" ("Ministry of Defence", "Bank of Japan").</summary>
    public static readonly FrozenSet<string> OrgHeadsBeforeOf = Set("""
        Ministry Department Office Board Bureau Council Committee Commission University College Bank Institute Court Federation
        Association Union League Organization Organisation Government House Chamber Secretariat Embassy Agency Authority Church
        """);

    /// <summary>Suffixes marking a company rather than another organisation.</summary>
    public static readonly FrozenSet<string> CompanySuffixes = Set("Inc. Inc Corp. Corp Corporation LLC L.L.C. Ltd. Ltd PLC plc Limited Co. Holdings Group AG SA S.A. N.V. GmbH");

    /// <summary>Small words that may sit inside a multi-word name.</summary>
    public static readonly FrozenSet<string> Connectors = Set("of the and for & de del della di da du des van von der den la le bin bint ibn al el y");

    /// <summary>Particles that may sit inside a person's name ("Tamim bin Hamad Al Thani").</summary>
    public static readonly FrozenSet<string> NameParticles = Set("bin bint ibn Bin Bint Ibn al el Al El de del della di da du van von der den la le");

    /// <summary>Generational suffixes that end a person's name ("Lloyd J. Austin III").</summary>
    public static readonly FrozenSet<string> NameSuffixes = Set("Jr. Jr Sr. Sr II III IV");

    /// <summary>Capitalised words that start sentences or headlines but never begin a name.</summary>
    public static readonly FrozenSet<string> Stopwords = Set("""
        The A An This That These Those Today Tonight Yesterday Tomorrow In On At For By With From To Of According After Before
        During Following When While Our We I You He She They It Its His Her Their My Your As If But And Or Since Meanwhile However
        Also Although Though Because Under Over Through Throughout Within Without Among Between Both Each Every All Some Any No
        Not Now Then Here There Where What Who Which Why How Recently Earlier Later Last Next New Such Other Further Furthermore
        Moreover Additionally Separately Together Nevertheless Instead Still Yet Well Thank Thanks Good Please Dear Let Looking
        Including Excluding Regarding Despite Against Upon Via Per Once Only Just Even Again Already Many Much More Most Several
        Few One Two Three Four Five Six Seven Eight Nine Ten Former Current Mr Mrs Ms Selected Read See Click Share Photo Image
        Credit Source Sources Notes Note Contact Media Investors Investor Forward-Looking About Overview Highlights Summary
        Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September
        October November December Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. Q1 Q2 Q3 Q4 FY EDT EST GMT UTC
        Yes Indeed Part Ladies Gentlemen Madam Everyone Congratulations Welcome Hello Hi
        """);

    /// <summary>Common given names in English-language news (a general list, not drawn from any document).</summary>
    public static readonly FrozenSet<string> GivenNames = Set("""
        Aaron Abdul Abdullah Adam Adrian Ahmad Ahmed Alan Albert Alberto Alejandro Alex Alexander Alexandra Alexei Ali Alice Alicia
        Alison Amanda Amy Ana Andre Andrea Andreas Andrew Andy Angela Angelina Ann Anna Anne Anne-Marie Annie Anthony Antonio Antony
        Arthur Ashley Barack Barbara Ben Benjamin Bernard Beth Betty Bill Billy Bob Bobby Boris Brad Bradley Brandon Brenda Brian
        Bruce Bryan Carl Carla Carlos Carol Caroline Catherine Charles Charlie Charlotte Chris Christian Christina Christine
        Christopher Chuck Claire Claudia Colin Craig Cynthia Dan Daniel Danielle Dave David Deborah Debra Dennis Diana Diane
        Dmitry Dominic Don Donald Donna Doug Douglas Dylan Ed Eddie Edward Elena Elizabeth Ellen Emily Emma Emmanuel Eric Erik Ethan
        Eugene Evan Fatima Felipe Fernando Frank Franklin Fred Gabriel Gary Gavin George Gerald Gina Giorgia Gordon Grace Greg
        Gregory Hannah Hans Harold Harry Hassan Heather Helen Henry Hillary Hugh Hussein Ian Igor Isaac Ivan Jack Jackie Jacob
        Jake James Jamie Jan Jane Janet Janet Jason Javier Jean Jeff Jeffrey Jennifer Jeremy Jerome Jerry Jesse Jessica Jill Jim
        Jimmy Joan Joe Joel John Johnny Jon Jonathan Jordan Jorge Jose Joseph Josh Joshua Juan Judith Judy Julia Julian Julie
        Justin Karen Karl Kate Katherine Kathleen Kathryn Katie Keir Keith Kelly Ken Kenneth Kevin Kim Kimberly Kurt
        Kyle Larry Laura Lauren Lawrence Leo Leon Linda Lisa Lloyd Lori Louis Lucas Luis Luiz Lynn Marco Margaret Maria Marie
        Mario Mark Martha Martin Mary Matt Matthew Maurice Max Megan Melissa Michael Michel Michelle Miguel Mike Mohamed
        Mohammad Mohammed Muhammad Nancy Narendra Natalie Nathan Ned Neil Nicholas Nick Nicola Nicole Nikolai Noah Olaf Olga
        Olivia Omar Oscar Pamela Pat Patricia Patrick Paul Paula Pedro Peter Philip Phillip Pierre Rachel Ralph Ramon Randy
        Raymond Rebecca Recep Richard Rick Rishi Rob Robert Roberto Robin Roger Ron Ronald Rose Ross Roy Russell Ruth Ryan Sam
        Samantha Samuel Sandra Sara Sarah Scott Sean Sergei Sergey Sharon Shirley Simon Sophie Stephanie Stephen Steve Steven
        Stuart Susan Ted Teresa Terry Thomas Tim Timothy Todd Tom Tony Tracy Ursula Valerie Vanessa Victor Victoria Vincent
        Virginia Vladimir Volodymyr Walter Wayne Wendy William Willie Xavier Yuri Zachary Zoe Akira Hiroshi Takeshi Yuki
        Fumio Shinzo Yoshihide Taro Kenji Wei Li Ming Xi Hong Jin Mohammad Reza Ali Javad Hamad Khalid Faisal Salman Mahmoud
        Yusuf Yousef Ibrahim Mustafa Ahmet Mehmet Emre Raj Rahul Amit Priya Sanjay Vijay Anil Sunil Ravi
        """);

    /// <summary>Common Korean, Chinese, Vietnamese and Japanese family names, which come first in the name
    /// ("Kim Son Gyong", "Yoon Suk Yeol").</summary>
    public static readonly FrozenSet<string> FamilyFirstSurnames = Set("""
        Kim Lee Yi Rhee Park Pak Choi Choe Jung Jeong Chung Cho Jo Kang Yoon Yun Jang Chang Lim Han Seo Shin Sin Kwon Hwang
        Ahn Song Yoo Yu Hong Jeon Jun Ko Moon Mun Yang Son Bae Baek Paek Heo Nam Noh Roh Ri Ryu Chae Won Kwak Sung
        Cha Joo Woo Min Byun Yeo Chu Gu Ku Kong Hyun Wang Zhang Liu Chen Zhao Huang Zhou Wu Xu Sun Zhu Hu Guo Gao Luo
        Zheng Liang Xie Tang Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Cheng Wei Ding Ren Shen
        Yao Jiang Cui Zhong Tan Fan Jin Shi Qin Xi Li Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Ngo Duong
        """);

    /// <summary>Japanese family names commonly written family-name first in diplomatic texts ("Hayashi Yoshimasa").</summary>
    public static readonly FrozenSet<string> JapaneseSurnames = Set("""
        Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi Matsumoto
        Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto Ishikawa Ishiba Kishida Suga Motegi Kamikawa Iwaya Hayashi
        Ogawa Okada Fujita Nakajima Maeda Fujii Kondo Aoki Sakamoto Endo Murakami Ota Ono Takeda Ueda Kuroda Aso Koizumi Noda
        """);

    /// <summary>Titles that by themselves say a person follows; other title words ("Press", "Foreign",
    /// "Security") only modify them and also occur in organisation names.</summary>
    public static readonly FrozenSet<string> PersonTitles = Set("""
        President President-elect Secretary Minister Premier Chancellor Governor Gov. Senator Sen. Representative Rep.
        Congressman Congresswoman Mayor Ambassador Envoy Spokesperson Spokesman Spokeswoman Chairman Chairwoman Chair Director
        CEO CFO COO CTO Leader General Gen. Maj. Lt. Col. Capt. Cmdr. Adm. Sgt. Cpl. Pvt. Brig. Lieutenant Colonel Major Captain
        Commander Admiral Sergeant Marshal Mr. Mrs. Ms. Miss Dr. Prof. Professor King Queen Prince Princess Emperor Empress
        Sultan Emir Amir Pope Cardinal Archbishop Bishop Rev. Reverend Judge Justice Commissioner Councillor Councilor Attorney
        Treasurer Speaker Lord Lady Sir Dame Officer Adviser Advisor Counselor Counsellor Secretary-General Director-General
        Vice-Minister Vice-President Chairperson Founder Co-founder
        """, StringComparer.OrdinalIgnoreCase);

    /// <summary>Honorifics that belong to the name in news style ("Sheikh Tamim").</summary>
    public static readonly FrozenSet<string> NameOpeners = Set("Sheikh Sheikha");

    /// <summary>Last words of a place name the knowledge base need not list ("Rose Garden", "McCormick Place").</summary>
    public static readonly FrozenSet<string> PlaceHeads = Set("""
        Garden Gardens Street Square Avenue Road Boulevard Park Bridge Island Islands Peninsula River Sea Strait Gulf Bay Lake
        Mountain Mountains Valley Desert Canal Airport Airfield Port Harbor Harbour Palace Place Plaza Hall Stadium Arena Beach
        Coast Province Prefecture County District Region Oblast Governorate Village Town City Heights Hills Ocean
        """);

    /// <summary>Place heads that also open a place name followed by "of" ("Gulf of Aden", "Strait of Hormuz").</summary>
    public static readonly FrozenSet<string> PlaceHeadsBeforeOf = Set("Gulf Strait Bay Sea Isle Island Islands Cape Lake Port City Province");

    /// <summary>U.S. state abbreviations that follow a city in datelines ("ST. PETERSBURG, Fla.").</summary>
    public static readonly FrozenSet<string> StateAbbreviations = Set("""
        Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. Minn. Miss. Mo. Mont. Neb. Nev.
        N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Tex. Va. Vt. Wash. Wis. W.Va. Wyo. D.C. DC
        """);

    /// <summary>Verbs of saying that attribute speech ("said", "told").</summary>
    public static readonly FrozenSet<string> SpeechVerbs = Set("""
        said says say added adds continued continues noted notes stated states told tells explained explains wrote writes
        announced announces declared declares warned warns insisted insists argued argues asked asks replied replies
        stressed stresses emphasized emphasised underscored remarked observed commented urged urges called calls
        acknowledged admitted affirmed reaffirmed claimed claims concluded recalled responded told pledged vowed
        saying adding calling describing telling noting warning insisting arguing stressing urging
        """);
}
