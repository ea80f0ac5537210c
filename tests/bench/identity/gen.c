/*
 * gen.c: deterministic generator of synthetic persons for the identity
 * benchmark, as the CSV of `havre-admin import-persons`. Names come from
 * several regions (Arabic, Persian, Pashto, Somali, Tigrinya, Cyrillic,
 * Latin), 17 to 33 names a pool drawn common ones first (zipf()), each
 * name with its usual Latin spellings and, for a share of the records,
 * its native script; about 5 % of the records are
 * near-duplicates of an earlier one (another spelling or script, names
 * swapped, day and month swapped, year only, a typo, a field missing).
 * The same arguments always give the same bytes (own PRNG, no libc
 * rand). Standalone: cc -O2 -o gen gen.c
 *
 *   gen COUNT [SEED] [SOURCE] [TRUTH] > persons.csv
 *
 * TRUTH, when given, receives "source_id,person" for every record: the
 * records of one generated person share its number (the benchmark's
 * precision and recall of the duplicate report).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A name: Latin spellings (the first is the usual one) and the native
 * form ("" when the region writes Latin). */
struct nm {
	const char	*latin[4];
	const char	*native;
};

struct region {
	const char		*name;
	const struct nm		*male, *female, *family;
	size_t			 nmale, nfemale, nfamily;
	const char *const	*nat;
	size_t			 nnat;
	int			 native_pct;	/* records written natively */
	int			 weight;	/* share of the population */
	const char		*cc;		/* phone country code */
};

#define N(a) (sizeof(a) / sizeof(a[0]))

static const struct nm ar_m[] = {
	{{"Mohammed", "Muhammad", "Mohamed", "Mohammad"}, "محمد"},
	{{"Ahmed", "Ahmad", "Ahmet", NULL}, "أحمد"},
	{{"Ali", "Aly", NULL, NULL}, "علي"},
	{{"Omar", "Umar", "Omer", NULL}, "عمر"},
	{{"Hassan", "Hasan", "Hassen", NULL}, "حسن"},
	{{"Hussein", "Husayn", "Hussain", "Houssein"}, "حسين"},
	{{"Khaled", "Khalid", "Khaleed", NULL}, "خالد"},
	{{"Youssef", "Yusuf", "Yousef", "Youcef"}, "يوسف"},
	{{"Ibrahim", "Ebrahim", "Brahim", NULL}, "إبراهيم"},
	{{"Mahmoud", "Mahmud", "Mahmood", NULL}, "محمود"},
	{{"Abdullah", "Abdallah", "Abdulla", NULL}, "عبد الله"},
	{{"Mustafa", "Mostafa", "Moustafa", NULL}, "مصطفى"},
	{{"Tariq", "Tarek", "Tarik", NULL}, "طارق"},
	{{"Samir", "Sameer", NULL, NULL}, "سمير"},
	{{"Abdelaziz", "Abdulaziz", "Abd al-Aziz", NULL}, "عبد العزيز"},
	{{"Said", "Saeed", "Sayed", NULL}, "سعيد"},
	{{"Karim", "Kareem", NULL, NULL}, "كريم"},
	{{"Jamal", "Gamal", NULL, NULL}, "جمال"},
	{{"Nabil", "Nabeel", NULL, NULL}, "نبيل"},
	{{"Walid", "Waleed", NULL, NULL}, "وليد"},
	{{"Adel", "Adil", NULL, NULL}, "عادل"},
	{{"Majid", "Majed", NULL, NULL}, "ماجد"},
	{{"Rami", "Ramy", NULL, NULL}, "رامي"},
	{{"Bilal", "Belal", NULL, NULL}, "بلال"},
	{{"Hamza", "Hamzah", NULL, NULL}, "حمزة"},
	{{"Ziad", "Ziyad", NULL, NULL}, "زياد"},
	{{"Fadi", "Fady", NULL, NULL}, "فادي"},
	{{"Anas", "Anes", NULL, NULL}, "أنس"},
	{{"Osama", "Usama", "Oussama", NULL}, "أسامة"},
	{{"Salim", "Saleem", NULL, NULL}, "سليم"},
	{{"Faisal", "Faysal", NULL, NULL}, "فيصل"},
	{{"Marwan", "Merwan", NULL, NULL}, "مروان"},
	{{"Sami", "Samy", NULL, NULL}, "سامي"},
};
static const struct nm ar_f[] = {
	{{"Fatima", "Fatma", "Fatimah", "Fatemeh"}, "فاطمة"},
	{{"Aisha", "Aicha", "Ayesha", NULL}, "عائشة"},
	{{"Mariam", "Maryam", "Meriem", NULL}, "مريم"},
	{{"Zainab", "Zeinab", "Zaynab", NULL}, "زينب"},
	{{"Nour", "Noor", "Nur", NULL}, "نور"},
	{{"Layla", "Leila", "Laila", NULL}, "ليلى"},
	{{"Amal", "Amel", NULL, NULL}, "أمل"},
	{{"Rania", "Ranya", NULL, NULL}, "رانيا"},
	{{"Hanaa", "Hana", NULL, NULL}, "هناء"},
	{{"Salma", "Selma", NULL, NULL}, "سلمى"},
	{{"Huda", "Houda", "Hoda", NULL}, "هدى"},
	{{"Asma", "Asmaa", NULL, NULL}, "أسماء"},
	{{"Rasha", "Racha", NULL, NULL}, "رشا"},
	{{"Dina", "Deena", NULL, NULL}, "دينا"},
	{{"Lina", "Leena", NULL, NULL}, "لينا"},
	{{"Samira", "Sameera", NULL, NULL}, "سميرة"},
	{{"Khadija", "Khadidja", "Khadeeja", NULL}, "خديجة"},
	{{"Sara", "Sarah", NULL, NULL}, "سارة"},
	{{"Reem", "Rim", NULL, NULL}, "ريم"},
	{{"Yasmin", "Yasmine", "Yasmeen", NULL}, "ياسمين"},
	{{"Nadia", "Nadya", NULL, NULL}, "نادية"},
	{{"Ghada", "Rhada", NULL, NULL}, "غادة"},
	{{"Rana", "Ranaa", NULL, NULL}, "رنا"},
	{{"Iman", "Eman", "Imane", NULL}, "إيمان"},
};
static const struct nm ar_fam[] = {
	{{"Al-Hassan", "Alhassan", "El Hassan", NULL}, "الحسن"},
	{{"Haddad", "Hadad", "Al-Haddad", NULL}, "حداد"},
	{{"Khalil", "Khaleel", NULL, NULL}, "خليل"},
	{{"Nasser", "Nasir", "Naser", NULL}, "ناصر"},
	{{"Saleh", "Salih", "Salah", NULL}, "صالح"},
	{{"Mansour", "Mansur", "Mansoor", NULL}, "منصور"},
	{{"Abdelrahman", "Abd al-Rahman", "Abdulrahman", NULL}, "عبد الرحمن"},
	{{"Darwish", "Darweesh", "Derwich", NULL}, "درويش"},
	{{"Qasim", "Kassem", "Qassem", NULL}, "قاسم"},
	{{"Hamdan", "Hamdane", NULL, NULL}, "حمدان"},
	{{"Al-Ali", "Alali", "El Ali", NULL}, "العلي"},
	{{"Ibrahim", "Ebrahim", NULL, NULL}, "إبراهيم"},
	{{"Othman", "Osman", "Uthman", NULL}, "عثمان"},
	{{"Jaber", "Jabir", NULL, NULL}, "جابر"},
	{{"Suleiman", "Sulaiman", "Sliman", NULL}, "سليمان"},
	{{"Bakr", "Bakir", NULL, NULL}, "بكر"},
	{{"Al-Masri", "Almasri", "El Masri", NULL}, "المصري"},
	{{"Al-Sayed", "Alsayed", "El Sayed", NULL}, "السيد"},
	{{"Hammoud", "Hamoud", "Hamud", NULL}, "حمود"},
	{{"Al-Najjar", "Alnajjar", "Najjar", NULL}, "النجار"},
	{{"Al-Khatib", "Alkhatib", "Khatib", NULL}, "الخطيب"},
	{{"Shaker", "Shakir", NULL, NULL}, "شاكر"},
	{{"Yassin", "Yasin", "Yaseen", NULL}, "ياسين"},
	{{"Al-Rashid", "Alrashid", "Rashid", NULL}, "الرشيد"},
	{{"Al-Tamimi", "Altamimi", "Tamimi", NULL}, "التميمي"},
	{{"Al-Jabouri", "Aljubouri", "Jabouri", NULL}, "الجبوري"},
	{{"Al-Obeidi", "Alobaidi", "Obeidi", NULL}, "العبيدي"},
	{{"Abbas", "Abas", NULL, NULL}, "عباس"},
	{{"Hijazi", "Hegazy", "Hijazy", NULL}, "حجازي"},
	{{"Awad", "Awwad", NULL, NULL}, "عوض"},
	{{"Farhat", "Ferhat", NULL, NULL}, "فرحات"},
	{{"Haidar", "Haider", "Hayder", NULL}, "حيدر"},
};
static const char *const ar_nat[] = {"SYR", "IRQ", "SDN", "YEM", "PSE", "LBY"};

static const struct nm fa_m[] = {
	{{"Reza", "Rida", NULL, NULL}, "رضا"},
	{{"Mehdi", "Mahdi", NULL, NULL}, "مهدی"},
	{{"Hossein", "Hosein", "Hussein", NULL}, "حسین"},
	{{"Alireza", "Ali Reza", NULL, NULL}, "علیرضا"},
	{{"Amir", "Ameer", NULL, NULL}, "امیر"},
	{{"Dariush", "Daryoush", "Darius", NULL}, "داریوش"},
	{{"Mohammad", "Mohamad", "Muhammad", NULL}, "محمد"},
	{{"Hamid", "Hameed", NULL, NULL}, "حمید"},
	{{"Ali", "Aly", NULL, NULL}, "علی"},
	{{"Hassan", "Hasan", NULL, NULL}, "حسن"},
	{{"Mohsen", "Mohsin", NULL, NULL}, "محسن"},
	{{"Saeed", "Said", NULL, NULL}, "سعید"},
	{{"Javad", "Jawad", NULL, NULL}, "جواد"},
	{{"Mojtaba", "Mujtaba", NULL, NULL}, "مجتبی"},
	{{"Behrouz", "Behruz", NULL, NULL}, "بهروز"},
	{{"Farhad", "Farhaad", NULL, NULL}, "فرهاد"},
	{{"Majid", "Madjid", NULL, NULL}, "مجید"},
	{{"Babak", "Baback", NULL, NULL}, "بابک"},
	{{"Kamran", "Kamraan", NULL, NULL}, "کامران"},
	{{"Omid", "Omeed", NULL, NULL}, "امید"},
	{{"Morteza", "Murtaza", NULL, NULL}, "مرتضی"},
	{{"Navid", "Naveed", NULL, NULL}, "نوید"},
	{{"Arash", "Arasch", NULL, NULL}, "آرش"},
	{{"Hamed", "Hamid", NULL, NULL}, "حامد"},
};
static const struct nm fa_f[] = {
	{{"Zahra", "Zohra", "Zehra", NULL}, "زهرا"},
	{{"Maryam", "Mariam", NULL, NULL}, "مریم"},
	{{"Shirin", "Sherin", NULL, NULL}, "شیرین"},
	{{"Parisa", "Parissa", NULL, NULL}, "پریسا"},
	{{"Fatemeh", "Fatima", NULL, NULL}, "فاطمه"},
	{{"Narges", "Nargis", NULL, NULL}, "نرگس"},
	{{"Leila", "Leyla", "Layla", NULL}, "لیلا"},
	{{"Sara", "Sarah", NULL, NULL}, "سارا"},
	{{"Mahsa", "Mahsaa", NULL, NULL}, "مهسا"},
	{{"Neda", "Nedaa", NULL, NULL}, "ندا"},
	{{"Somayeh", "Somaye", "Sumaya", NULL}, "سمیه"},
	{{"Elham", "Elhaam", NULL, NULL}, "الهام"},
	{{"Nasrin", "Nasreen", NULL, NULL}, "نسرین"},
	{{"Roya", "Rouya", NULL, NULL}, "رویا"},
	{{"Azadeh", "Azade", NULL, NULL}, "آزاده"},
	{{"Mina", "Meena", NULL, NULL}, "مینا"},
	{{"Samira", "Sameera", NULL, NULL}, "سمیرا"},
	{{"Soraya", "Sorayya", NULL, NULL}, "ثریا"},
	{{"Farideh", "Farida", NULL, NULL}, "فریده"},
};
static const struct nm fa_fam[] = {
	{{"Hosseini", "Husseini", "Hosseiny", NULL}, "حسینی"},
	{{"Ahmadi", "Ahmady", NULL, NULL}, "احمدی"},
	{{"Mohammadi", "Mohamadi", "Muhammadi", NULL}, "محمدی"},
	{{"Rezaei", "Rezaee", "Rezai", NULL}, "رضایی"},
	{{"Karimi", "Kareemi", NULL, NULL}, "کریمی"},
	{{"Moradi", "Muradi", NULL, NULL}, "مرادی"},
	{{"Jafari", "Jafary", "Jaafari", NULL}, "جعفری"},
	{{"Sadeghi", "Sadeqi", NULL, NULL}, "صادقی"},
	{{"Rahimi", "Raheemi", NULL, NULL}, "رحیمی"},
	{{"Hashemi", "Hachemi", NULL, NULL}, "هاشمی"},
	{{"Ghasemi", "Qasemi", "Ghassemi", NULL}, "قاسمی"},
	{{"Heidari", "Haidari", "Heydari", NULL}, "حیدری"},
	{{"Kazemi", "Kazimi", NULL, NULL}, "کاظمی"},
	{{"Rostami", "Rustami", NULL, NULL}, "رستمی"},
	{{"Mousavi", "Musavi", "Moosavi", NULL}, "موسوی"},
	{{"Azizi", "Azeezi", NULL, NULL}, "عزیزی"},
	{{"Nazari", "Nazary", NULL, NULL}, "نظری"},
	{{"Ebrahimi", "Ibrahimi", NULL, NULL}, "ابراهیمی"},
	{{"Sharifi", "Shareefi", NULL, NULL}, "شریفی"},
	{{"Najafi", "Nadjafi", NULL, NULL}, "نجفی"},
	{{"Amiri", "Ameeri", NULL, NULL}, "امیری"},
	{{"Safari", "Saffari", NULL, NULL}, "صفری"},
	{{"Bagheri", "Baqeri", NULL, NULL}, "باقری"},
	{{"Alavi", "Alawi", NULL, NULL}, "علوی"},
};
static const char *const fa_nat[] = {"IRN", "AFG"};

static const struct nm ps_m[] = {
	{{"Gul", "Gol", NULL, NULL}, "ګل"},
	{{"Wali", "Walli", NULL, NULL}, "ولي"},
	{{"Zalmai", "Zalmay", NULL, NULL}, "زلمی"},
	{{"Rahimullah", "Rahimulla", "Rahim Ullah", NULL}, "رحیم الله"},
	{{"Naqibullah", "Naqibulla", NULL, NULL}, "نقیب الله"},
	{{"Ahmad Shah", "Ahmadshah", NULL, NULL}, "احمد شاه"},
	{{"Mohammad", "Muhammad", "Mohammed", NULL}, "محمد"},
	{{"Abdullah", "Abdulla", NULL, NULL}, "عبدالله"},
	{{"Hamid", "Hameed", NULL, NULL}, "حمید"},
	{{"Nasir", "Naseer", NULL, NULL}, "ناصر"},
	{{"Jawad", "Javad", NULL, NULL}, "جواد"},
	{{"Sayed", "Said", "Syed", NULL}, "سید"},
	{{"Zabihullah", "Zabiullah", NULL, NULL}, "ذبیح الله"},
	{{"Habibullah", "Habibulla", NULL, NULL}, "حبیب الله"},
	{{"Noorullah", "Nurullah", NULL, NULL}, "نورالله"},
	{{"Samiullah", "Samiulla", NULL, NULL}, "سمیع الله"},
	{{"Bilal", "Belal", NULL, NULL}, "بلال"},
	{{"Shafiq", "Shafik", NULL, NULL}, "شفیق"},
	{{"Khalid", "Khaled", NULL, NULL}, "خالد"},
	{{"Ajmal", "Ajmel", NULL, NULL}, "اجمل"},
	{{"Rahmatullah", "Rahmatulla", NULL, NULL}, "رحمت الله"},
	{{"Farid", "Fareed", NULL, NULL}, "فرید"},
	{{"Mirwais", "Mir Wais", NULL, NULL}, "میرویس"},
};
static const struct nm ps_f[] = {
	{{"Malalai", "Malalay", NULL, NULL}, "ملالۍ"},
	{{"Palwasha", "Palwashah", NULL, NULL}, "پلوشه"},
	{{"Nazia", "Naziya", NULL, NULL}, "نازیه"},
	{{"Zarghona", "Zarghuna", NULL, NULL}, "زرغونه"},
	{{"Shabana", "Shabnam", NULL, NULL}, "شبانه"},
	{{"Gulalai", "Gulalay", NULL, NULL}, "ګلالۍ"},
	{{"Meena", "Mina", NULL, NULL}, "مینا"},
	{{"Freshta", "Fereshta", NULL, NULL}, "فرشته"},
	{{"Mahbooba", "Mahbuba", NULL, NULL}, "محبوبه"},
	{{"Nargis", "Narges", NULL, NULL}, "نرګس"},
	{{"Sadia", "Saadia", NULL, NULL}, "سعدیه"},
	{{"Marwa", "Marwah", NULL, NULL}, "مروه"},
	{{"Shukria", "Shukriya", NULL, NULL}, "شکریه"},
	{{"Fatima", "Fatema", NULL, NULL}, "فاطمه"},
	{{"Khadija", "Khadijah", NULL, NULL}, "خدیجه"},
	{{"Parwana", "Parvana", NULL, NULL}, "پروانه"},
	{{"Habiba", "Habibah", NULL, NULL}, "حبیبه"},
};
static const struct nm ps_fam[] = {
	{{"Ahmadzai", "Ahmadzay", "Ahmedzai", NULL}, "احمدزی"},
	{{"Popal", "Popalzai", NULL, NULL}, "پوپل"},
	{{"Yousafzai", "Yousufzai", "Yusufzai", NULL}, "یوسفزی"},
	{{"Durrani", "Durani", NULL, NULL}, "درانی"},
	{{"Stanekzai", "Stanikzai", NULL, NULL}, "ستانکزی"},
	{{"Khan", "Kahn", NULL, NULL}, "خان"},
	{{"Achakzai", "Achekzai", NULL, NULL}, "اچکزی"},
	{{"Barakzai", "Barakzay", NULL, NULL}, "بارکزی"},
	{{"Mohammadzai", "Mohammadzay", NULL, NULL}, "محمدزی"},
	{{"Sherzad", "Shirzad", NULL, NULL}, "شیرزاد"},
	{{"Safi", "Saafi", NULL, NULL}, "صافي"},
	{{"Momand", "Mohmand", NULL, NULL}, "مومند"},
	{{"Wardak", "Wardag", NULL, NULL}, "وردک"},
	{{"Shinwari", "Shinwary", NULL, NULL}, "شینواری"},
	{{"Afridi", "Afreedi", NULL, NULL}, "اپریدی"},
	{{"Kakar", "Kakkar", NULL, NULL}, "کاکړ"},
	{{"Noorzai", "Nurzai", NULL, NULL}, "نورزی"},
	{{"Alokozai", "Alkozai", NULL, NULL}, "علیکوزی"},
	{{"Mangal", "Mengal", NULL, NULL}, "منگل"},
	{{"Sultani", "Soltani", NULL, NULL}, "سلطانی"},
	{{"Hotak", "Hotaki", NULL, NULL}, "هوتک"},
	{{"Niazi", "Niyazi", NULL, NULL}, "نیازی"},
};
static const char *const ps_nat[] = {"AFG", "PAK"};

static const struct nm so_m[] = {
	{{"Abdi", "Abdee", NULL, NULL}, ""},
	{{"Mohamed", "Mohammed", "Maxamed", NULL}, ""},
	{{"Ahmed", "Axmed", NULL, NULL}, ""},
	{{"Hassan", "Xasan", NULL, NULL}, ""},
	{{"Farah", "Faarax", NULL, NULL}, ""},
	{{"Abdullahi", "Cabdullaahi", NULL, NULL}, ""},
	{{"Yusuf", "Yuusuf", NULL, NULL}, ""},
	{{"Abdirahman", "Cabdiraxmaan", NULL, NULL}, ""},
	{{"Mahad", "Mahaad", NULL, NULL}, ""},
	{{"Ismail", "Ismaaciil", NULL, NULL}, ""},
	{{"Omar", "Cumar", NULL, NULL}, ""},
	{{"Ali", "Cali", NULL, NULL}, ""},
	{{"Hussein", "Xuseen", NULL, NULL}, ""},
	{{"Abdiaziz", "Cabdicasiis", NULL, NULL}, ""},
	{{"Ibrahim", "Ibraahim", NULL, NULL}, ""},
	{{"Said", "Siciid", NULL, NULL}, ""},
	{{"Bashir", "Bashiir", NULL, NULL}, ""},
	{{"Nur", "Nuur", NULL, NULL}, ""},
	{{"Liban", "Liibaan", NULL, NULL}, ""},
	{{"Hamza", "Xamsa", NULL, NULL}, ""},
	{{"Mukhtar", "Mukhtaar", NULL, NULL}, ""},
	{{"Dahir", "Daahir", NULL, NULL}, ""},
	{{"Jamal", "Jamaal", NULL, NULL}, ""},
};
static const struct nm so_f[] = {
	{{"Hodan", "Hodaan", NULL, NULL}, ""},
	{{"Sahra", "Saxra", NULL, NULL}, ""},
	{{"Amina", "Aamina", NULL, NULL}, ""},
	{{"Faduma", "Fadumo", "Fatuma", NULL}, ""},
	{{"Ifrah", "Ifraax", NULL, NULL}, ""},
	{{"Halima", "Xaliimo", NULL, NULL}, ""},
	{{"Asha", "Caasha", NULL, NULL}, ""},
	{{"Khadija", "Khadiijo", NULL, NULL}, ""},
	{{"Fartun", "Fartuun", NULL, NULL}, ""},
	{{"Nasra", "Nasro", NULL, NULL}, ""},
	{{"Sagal", "Sagaal", NULL, NULL}, ""},
	{{"Hibo", "Hiba", NULL, NULL}, ""},
	{{"Deeqa", "Deqa", NULL, NULL}, ""},
	{{"Ayan", "Ayaan", NULL, NULL}, ""},
	{{"Muna", "Muuna", NULL, NULL}, ""},
	{{"Safiya", "Safiyo", NULL, NULL}, ""},
	{{"Maryan", "Maryam", NULL, NULL}, ""},
	{{"Zamzam", "Samsam", NULL, NULL}, ""},
	{{"Ubah", "Ubax", NULL, NULL}, ""},
};
static const struct nm so_fam[] = {
	{{"Ali", "Cali", NULL, NULL}, ""},
	{{"Farah", "Faarax", NULL, NULL}, ""},
	{{"Osman", "Cusmaan", "Osmaan", NULL}, ""},
	{{"Hersi", "Xirsi", NULL, NULL}, ""},
	{{"Jama", "Jaamac", NULL, NULL}, ""},
	{{"Warsame", "Warsame", NULL, NULL}, ""},
	{{"Aden", "Aadan", NULL, NULL}, ""},
	{{"Mohamud", "Maxamuud", NULL, NULL}, ""},
	{{"Ahmed", "Axmed", NULL, NULL}, ""},
	{{"Abdi", "Cabdi", NULL, NULL}, ""},
	{{"Hussein", "Xuseen", NULL, NULL}, ""},
	{{"Ibrahim", "Ibraahim", NULL, NULL}, ""},
	{{"Omar", "Cumar", NULL, NULL}, ""},
	{{"Yusuf", "Yuusuf", NULL, NULL}, ""},
	{{"Egal", "Cigaal", NULL, NULL}, ""},
	{{"Dirie", "Diiriye", NULL, NULL}, ""},
	{{"Abdullahi", "Cabdullaahi", NULL, NULL}, ""},
	{{"Samatar", "Samater", NULL, NULL}, ""},
	{{"Guled", "Guuleed", NULL, NULL}, ""},
	{{"Elmi", "Cilmi", NULL, NULL}, ""},
	{{"Nur", "Nuur", NULL, NULL}, ""},
	{{"Musa", "Muuse", NULL, NULL}, ""},
	{{"Duale", "Ducaale", NULL, NULL}, ""},
};
static const char *const so_nat[] = {"SOM"};

static const struct nm ti_m[] = {
	{{"Tesfaye", "Tesfay", "Tesfai", NULL}, "ተስፋየ"},
	{{"Yonas", "Yohannes", NULL, NULL}, "ዮናስ"},
	{{"Dawit", "Dawitt", NULL, NULL}, "ዳዊት"},
	{{"Tekle", "Teklé", NULL, NULL}, "ተክለ"},
	{{"Haile", "Hailé", NULL, NULL}, "ሃይለ"},
	{{"Mebrahtu", "Mebrahtom", NULL, NULL}, "መብራህቱ"},
	{{"Mehari", "Mehary", NULL, NULL}, "መሓሪ"},
	{{"Filmon", "Filimon", NULL, NULL}, "ፍልሞን"},
	{{"Samuel", "Samuél", NULL, NULL}, "ሳሙኤል"},
	{{"Yemane", "Yemani", NULL, NULL}, "የማነ"},
	{{"Kibrom", "Kibreab", NULL, NULL}, "ክብሮም"},
	{{"Amanuel", "Emmanuel", NULL, NULL}, "ኣማኑኤል"},
	{{"Mussie", "Musie", NULL, NULL}, "ሙሴ"},
	{{"Merhawi", "Merhawie", NULL, NULL}, "መርሃዊ"},
	{{"Robel", "Robiel", NULL, NULL}, "ሮቤል"},
	{{"Biniam", "Binyam", NULL, NULL}, "ቢንያም"},
	{{"Aron", "Aaron", NULL, NULL}, "ኣሮን"},
	{{"Goitom", "Goytom", NULL, NULL}, "ጎይቶም"},
	{{"Tsegay", "Tsegai", NULL, NULL}, "ጸጋይ"},
	{{"Solomon", "Selomon", NULL, NULL}, "ሰሎሞን"},
	{{"Habtom", "Habtoum", NULL, NULL}, "ሃብቶም"},
	{{"Efrem", "Ephrem", NULL, NULL}, "ኤፍሬም"},
};
static const struct nm ti_f[] = {
	{{"Selam", "Salam", NULL, NULL}, "ሰላም"},
	{{"Helen", "Hellen", NULL, NULL}, "ሄለን"},
	{{"Senait", "Senayt", NULL, NULL}, "ሰናይት"},
	{{"Feven", "Fiven", NULL, NULL}, "ፌቨን"},
	{{"Rahel", "Rachel", NULL, NULL}, "ራሄል"},
	{{"Hiwet", "Hiwot", NULL, NULL}, "ሕይወት"},
	{{"Saba", "Sabaa", NULL, NULL}, "ሳባ"},
	{{"Ruth", "Rut", NULL, NULL}, "ሩት"},
	{{"Luwam", "Luam", NULL, NULL}, "ሉዋም"},
	{{"Winta", "Wintana", NULL, NULL}, "ዊንታ"},
	{{"Semhar", "Semharr", NULL, NULL}, "ሰምሃር"},
	{{"Yordanos", "Yordanose", NULL, NULL}, "ዮርዳኖስ"},
	{{"Meron", "Merone", NULL, NULL}, "ሜሮን"},
	{{"Elsa", "Elssa", NULL, NULL}, "ኤልሳ"},
	{{"Tsega", "Tsiga", NULL, NULL}, "ጸጋ"},
	{{"Almaz", "Almas", NULL, NULL}, "ኣልማዝ"},
	{{"Mebrat", "Mebrahat", NULL, NULL}, "መብራት"},
	{{"Aster", "Astier", NULL, NULL}, "ኣስቴር"},
};
static const struct nm ti_fam[] = {
	{{"Gebremedhin", "Gebremedin", "Ghebremedhin", NULL}, "ገብረመድህን"},
	{{"Tesfamariam", "Tesfamaryam", NULL, NULL}, "ተስፋማርያም"},
	{{"Habte", "Habtay", NULL, NULL}, "ሃብተ"},
	{{"Berhane", "Berhe", NULL, NULL}, "በርሀነ"},
	{{"Kidane", "Kidanemariam", NULL, NULL}, "ኪዳነ"},
	{{"Gebreyesus", "Ghebreyesus", NULL, NULL}, "ገብረየሱስ"},
	{{"Tekle", "Teklé", NULL, NULL}, "ተክለ"},
	{{"Haile", "Hailé", NULL, NULL}, "ሃይለ"},
	{{"Woldemariam", "Weldemariam", NULL, NULL}, "ወልደማርያም"},
	{{"Ghebremichael", "Gebremichael", NULL, NULL}, "ገብረሚካኤል"},
	{{"Asmerom", "Asmerome", NULL, NULL}, "ኣስመሮም"},
	{{"Mehari", "Mehary", NULL, NULL}, "መሓሪ"},
	{{"Yohannes", "Johannes", NULL, NULL}, "ዮሃንስ"},
	{{"Andemariam", "Andemaryam", NULL, NULL}, "ኣንደማርያም"},
	{{"Tesfay", "Tesfai", NULL, NULL}, "ተስፋይ"},
	{{"Negash", "Negasi", NULL, NULL}, "ነጋሽ"},
	{{"Abraha", "Abreha", NULL, NULL}, "ኣብርሃ"},
	{{"Teklehaimanot", "Teklehaymanot", NULL, NULL}, "ተክለሃይማኖት"},
	{{"Zerai", "Zeray", NULL, NULL}, "ዘርኣይ"},
	{{"Girmay", "Ghirmay", NULL, NULL}, "ግርማይ"},
	{{"Woldu", "Weldu", NULL, NULL}, "ወልዱ"},
};
static const char *const ti_nat[] = {"ERI", "ETH"};

static const struct nm cy_m[] = {
	{{"Oleksandr", "Olexander", "Aleksandr", NULL}, "Олександр"},
	{{"Dmytro", "Dmitry", "Dmitri", NULL}, "Дмитро"},
	{{"Ivan", "Iwan", NULL, NULL}, "Иван"},
	{{"Sergei", "Sergey", "Serhiy", NULL}, "Сергей"},
	{{"Andriy", "Andrii", "Andrei", NULL}, "Андрій"},
	{{"Ramzan", "Ramazan", NULL, NULL}, "Рамзан"},
	{{"Mykola", "Nikolai", "Nikolay", NULL}, "Микола"},
	{{"Volodymyr", "Vladimir", NULL, NULL}, "Володимир"},
	{{"Yuriy", "Yuri", "Iurii", NULL}, "Юрій"},
	{{"Oleh", "Oleg", NULL, NULL}, "Олег"},
	{{"Viktor", "Victor", NULL, NULL}, "Віктор"},
	{{"Pavlo", "Pavel", NULL, NULL}, "Павло"},
	{{"Maksym", "Maxim", "Maksim", NULL}, "Максим"},
	{{"Artem", "Artyom", NULL, NULL}, "Артем"},
	{{"Vasyl", "Vasily", "Vasiliy", NULL}, "Василь"},
	{{"Mikhail", "Mykhailo", "Michail", NULL}, "Михаил"},
	{{"Alexei", "Aleksey", "Oleksiy", NULL}, "Алексей"},
	{{"Igor", "Ihor", NULL, NULL}, "Игорь"},
	{{"Denys", "Denis", NULL, NULL}, "Денис"},
	{{"Taras", "Tarass", NULL, NULL}, "Тарас"},
	{{"Bohdan", "Bogdan", NULL, NULL}, "Богдан"},
	{{"Magomed", "Magomet", NULL, NULL}, "Магомед"},
	{{"Ruslan", "Rouslan", NULL, NULL}, "Руслан"},
};
static const struct nm cy_f[] = {
	{{"Olena", "Elena", "Olena", NULL}, "Олена"},
	{{"Natalia", "Natalya", "Nataliya", NULL}, "Наталья"},
	{{"Iryna", "Irina", NULL, NULL}, "Ірина"},
	{{"Anna", "Hanna", NULL, NULL}, "Анна"},
	{{"Tetiana", "Tatiana", "Tatyana", NULL}, "Тетяна"},
	{{"Svitlana", "Svetlana", NULL, NULL}, "Світлана"},
	{{"Yulia", "Yuliya", "Iuliia", NULL}, "Юлія"},
	{{"Oksana", "Oxana", NULL, NULL}, "Оксана"},
	{{"Mariya", "Maria", NULL, NULL}, "Марія"},
	{{"Kateryna", "Ekaterina", "Katerina", NULL}, "Катерина"},
	{{"Liudmyla", "Lyudmila", "Ludmila", NULL}, "Людмила"},
	{{"Viktoriya", "Viktoria", NULL, NULL}, "Вікторія"},
	{{"Halyna", "Galina", NULL, NULL}, "Галина"},
	{{"Olga", "Olha", NULL, NULL}, "Ольга"},
	{{"Darya", "Daria", NULL, NULL}, "Дарья"},
	{{"Anastasia", "Anastasiya", NULL, NULL}, "Анастасия"},
	{{"Zarema", "Zaréma", NULL, NULL}, "Зарема"},
	{{"Madina", "Medina", NULL, NULL}, "Мадина"},
};
static const struct nm cy_fam[] = {
	{{"Shevchenko", "Chevtchenko", "Schewtschenko", NULL}, "Шевченко"},
	{{"Kovalenko", "Kowalenko", NULL, NULL}, "Коваленко"},
	{{"Bondarenko", "Bondarenco", NULL, NULL}, "Бондаренко"},
	{{"Ivanov", "Ivanoff", "Iwanow", NULL}, "Иванов"},
	{{"Petrov", "Petroff", NULL, NULL}, "Петров"},
	{{"Kadyrov", "Kadirov", NULL, NULL}, "Кадыров"},
	{{"Melnyk", "Melnik", NULL, NULL}, "Мельник"},
	{{"Kravchenko", "Krawtschenko", NULL, NULL}, "Кравченко"},
	{{"Tkachenko", "Tkatchenko", NULL, NULL}, "Ткаченко"},
	{{"Boyko", "Boiko", NULL, NULL}, "Бойко"},
	{{"Koval", "Kowal", NULL, NULL}, "Коваль"},
	{{"Oliynyk", "Oleinik", NULL, NULL}, "Олійник"},
	{{"Shevchuk", "Chevtchouk", NULL, NULL}, "Шевчук"},
	{{"Polishchuk", "Polischuk", NULL, NULL}, "Поліщук"},
	{{"Kuznetsov", "Kuznetsoff", NULL, NULL}, "Кузнецов"},
	{{"Smirnov", "Smirnoff", NULL, NULL}, "Смирнов"},
	{{"Popov", "Popoff", NULL, NULL}, "Попов"},
	{{"Sokolov", "Sokoloff", NULL, NULL}, "Соколов"},
	{{"Lebedev", "Lebedeff", NULL, NULL}, "Лебедев"},
	{{"Volkov", "Volkoff", NULL, NULL}, "Волков"},
	{{"Moroz", "Morozz", NULL, NULL}, "Мороз"},
	{{"Lysenko", "Lissenko", NULL, NULL}, "Лисенко"},
	{{"Marchenko", "Martchenko", NULL, NULL}, "Марченко"},
	{{"Magomedov", "Magomedoff", NULL, NULL}, "Магомедов"},
	{{"Aliev", "Aliyev", NULL, NULL}, "Алиев"},
};
static const char *const cy_nat[] = {"UKR", "RUS", "BLR"};

static const struct nm la_m[] = {
	{{"Jean", "Jan", NULL, NULL}, ""},
	{{"Pierre", "Piere", NULL, NULL}, ""},
	{{"Moussa", "Musa", "Mousa", NULL}, ""},
	{{"Mamadou", "Mamadu", NULL, NULL}, ""},
	{{"Carlos", "Karlos", NULL, NULL}, ""},
	{{"José", "Jose", NULL, NULL}, ""},
	{{"Ousmane", "Usman", "Ousman", NULL}, ""},
	{{"Abdoulaye", "Abdulai", NULL, NULL}, ""},
	{{"Ibrahima", "Ibrahim", NULL, NULL}, ""},
	{{"Amadou", "Ahmadou", NULL, NULL}, ""},
	{{"Sekou", "Sékou", NULL, NULL}, ""},
	{{"Lamine", "Lamin", NULL, NULL}, ""},
	{{"Boubacar", "Bubacar", NULL, NULL}, ""},
	{{"Alpha", "Alfa", NULL, NULL}, ""},
	{{"Emmanuel", "Emanuel", NULL, NULL}, ""},
	{{"Joseph", "Josef", NULL, NULL}, ""},
	{{"Luis", "Louis", NULL, NULL}, ""},
	{{"Juan", "Jouan", NULL, NULL}, ""},
	{{"Miguel", "Migel", NULL, NULL}, ""},
	{{"Jorge", "Jorje", NULL, NULL}, ""},
	{{"Wilson", "Wilsson", NULL, NULL}, ""},
	{{"Fritz", "Frits", NULL, NULL}, ""},
	{{"Daniel", "Danyel", NULL, NULL}, ""},
};
static const struct nm la_f[] = {
	{{"Marie", "Mari", NULL, NULL}, ""},
	{{"Aminata", "Aminatta", NULL, NULL}, ""},
	{{"Fatoumata", "Fatumata", NULL, NULL}, ""},
	{{"María", "Maria", NULL, NULL}, ""},
	{{"Mariama", "Mariame", NULL, NULL}, ""},
	{{"Kadiatou", "Kadiatu", NULL, NULL}, ""},
	{{"Aissatou", "Aissata", NULL, NULL}, ""},
	{{"Hawa", "Awa", NULL, NULL}, ""},
	{{"Fanta", "Fantah", NULL, NULL}, ""},
	{{"Mariam", "Maryam", NULL, NULL}, ""},
	{{"Rose", "Roz", NULL, NULL}, ""},
	{{"Nadège", "Nadege", NULL, NULL}, ""},
	{{"Guerline", "Gerline", NULL, NULL}, ""},
	{{"Ana", "Anna", NULL, NULL}, ""},
	{{"Carmen", "Karmen", NULL, NULL}, ""},
	{{"Daniela", "Danielle", NULL, NULL}, ""},
	{{"Yolanda", "Yolande", NULL, NULL}, ""},
	{{"Josiane", "Josianne", NULL, NULL}, ""},
	{{"Esther", "Ester", NULL, NULL}, ""},
	{{"Oumou", "Umu", NULL, NULL}, ""},
};
static const struct nm la_fam[] = {
	{{"Diallo", "Jallow", "Djalo", NULL}, ""},
	{{"Traoré", "Traore", NULL, NULL}, ""},
	{{"Camara", "Kamara", NULL, NULL}, ""},
	{{"Koné", "Kone", NULL, NULL}, ""},
	{{"Joseph", "Josef", NULL, NULL}, ""},
	{{"García", "Garcia", NULL, NULL}, ""},
	{{"Rodríguez", "Rodriguez", NULL, NULL}, ""},
	{{"Bah", "Ba", NULL, NULL}, ""},
	{{"Sow", "Sowe", NULL, NULL}, ""},
	{{"Touré", "Toure", NULL, NULL}, ""},
	{{"Keita", "Keïta", NULL, NULL}, ""},
	{{"Cissé", "Cisse", NULL, NULL}, ""},
	{{"Barry", "Bari", NULL, NULL}, ""},
	{{"Sylla", "Silla", NULL, NULL}, ""},
	{{"Coulibaly", "Kulibali", NULL, NULL}, ""},
	{{"Konaté", "Konate", NULL, NULL}, ""},
	{{"Sangaré", "Sangare", NULL, NULL}, ""},
	{{"Jean-Louis", "Jean Louis", NULL, NULL}, ""},
	{{"Pierre-Louis", "Pierre Louis", NULL, NULL}, ""},
	{{"Charles", "Charle", NULL, NULL}, ""},
	{{"Hernández", "Hernandez", NULL, NULL}, ""},
	{{"Martínez", "Martinez", NULL, NULL}, ""},
	{{"González", "Gonzalez", NULL, NULL}, ""},
	{{"López", "Lopez", NULL, NULL}, ""},
	{{"Pérez", "Perez", NULL, NULL}, ""},
	{{"Sánchez", "Sanchez", NULL, NULL}, ""},
};
static const char *const la_nat[] = {"GIN", "MLI", "HTI", "VEN", "COL", "SEN"};

#define REGION(nm, m, f, fam, nat, pct, w, cc) \
	{nm, m, f, fam, N(m), N(f), N(fam), nat, N(nat), pct, w, cc}
static const struct region regions[] = {
	REGION("arabic", ar_m, ar_f, ar_fam, ar_nat, 35, 30, "963"),
	REGION("persian", fa_m, fa_f, fa_fam, fa_nat, 30, 12, "98"),
	REGION("pashto", ps_m, ps_f, ps_fam, ps_nat, 30, 12, "93"),
	REGION("somali", so_m, so_f, so_fam, so_nat, 0, 10, "252"),
	REGION("tigrinya", ti_m, ti_f, ti_fam, ti_nat, 25, 10, "291"),
	REGION("cyrillic", cy_m, cy_f, cy_fam, cy_nat, 30, 12, "380"),
	REGION("latin", la_m, la_f, la_fam, la_nat, 0, 14, "224"),
};

/* xorshift64*: deterministic everywhere. */
static uint64_t	state;

static uint64_t
rnd(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 2685821657736338717ULL;
}

/* An integer in [0, n). */
static size_t
pick(size_t n)
{
	return (size_t)(rnd() % n);
}

/*
 * A name's index in a pool of n, the common ones first: weight
 * 1 / (i + 2), so that, as in a real register, a few names are very
 * common (the first of 25 is about 17 % of the pool's persons) and
 * most are rarer.
 */
static size_t
zipf(size_t n)
{
	double	total = 0, x;
	size_t	i;

	for (i = 0; i < n; i++)
		total += 1.0 / (double)(i + 2);
	x = (double)pick(1000000000) / 1e9 * total;
	for (i = 0; i + 1 < n; i++) {
		x -= 1.0 / (double)(i + 2);
		if (x < 0)
			break;
	}
	return i;
}

/* A name written one way: native (when asked and it has one) or one of
 * its Latin spellings (mostly the first). */
static const char *
spell(const struct nm *n, int native)
{
	size_t	k, i;

	if (native && n->native[0] != '\0')
		return n->native;
	for (k = 0; k < 4 && n->latin[k] != NULL; k++)
		;
	i = pick(100) < 70 ? 0 : pick(k);
	return n->latin[i];
}

/* One generated person (indexes, so that a duplicate can re-spell). */
struct person {
	size_t	region, family, given, given2, father, mother;
	int	male, native, year, month, day, has_given2;
	unsigned long	number;		/* the person's, shared by its records */
	char	doc[16], phone[20], nat[4];
};

/* Print s as a CSV field (quoted when needed). */
static void
field(const char *s, int last)
{
	if (strpbrk(s, ",\"\n") != NULL) {
		putchar('"');
		for (; *s; s++) {
			if (*s == '"')
				putchar('"');
			putchar(*s);
		}
		putchar('"');
	} else
		fputs(s, stdout);
	putchar(last ? '\n' : ',');
}

/* A typo: two neighbouring letters of an ASCII name swapped. */
static void
typo(const char *in, char *out, size_t outsz)
{
	size_t	n = strlen(in), i;
	char	c;

	snprintf(out, outsz, "%s", in);
	if (n < 4 || (unsigned char)in[0] >= 0x80)
		return;
	i = 1 + pick(n - 2);
	if ((unsigned char)out[i] >= 0x80 || (unsigned char)out[i + 1] >= 0x80)
		return;
	c = out[i];
	out[i] = out[i + 1];
	out[i + 1] = c;
}

/* Print person p with the record's own spelling choices (dup > 0: a
 * near-duplicate variation of kind dup). */
static void
emit(const char *source, unsigned long id, const struct person *p, int dup)
{
	const struct region	*rg = &regions[p->region];
	const struct nm		*given = p->male ? rg->male : rg->female;
	char			 fam[128], giv[256], date[16], tmp[128];
	int			 native = p->native, y = p->year, m = p->month,
				 d = p->day;

	if (dup == 1)		/* the other script */
		native = !native;
	snprintf(fam, sizeof(fam), "%s", spell(&rg->family[p->family],
	    native));
	if (p->has_given2)
		snprintf(giv, sizeof(giv), "%s %s", spell(&given[p->given],
		    native), spell(&rg->male[p->given2], native));
	else
		snprintf(giv, sizeof(giv), "%s", spell(&given[p->given], native));
	if (dup == 2) {		/* names swapped */
		snprintf(tmp, sizeof(tmp), "%s", fam);
		snprintf(fam, sizeof(fam), "%.127s", giv);
		snprintf(giv, sizeof(giv), "%s", tmp);
	}
	if (dup == 3 && d <= 12 && m > 0)	/* day and month swapped */
		d = p->month, m = p->day;
	if (dup == 4)		/* only the year known */
		m = d = 0;
	if (dup == 5) {		/* a typo in the family name */
		typo(fam, tmp, sizeof(tmp));
		snprintf(fam, sizeof(fam), "%s", tmp);
	}
	if (y == 0)
		date[0] = '\0';
	else if (m == 0)
		snprintf(date, sizeof(date), "%04d", y);
	else
		snprintf(date, sizeof(date), "%04d-%02d-%02d", y, m, d);
	snprintf(tmp, sizeof(tmp), "%lu", id);
	field(source, 0);
	field(tmp, 0);
	field(fam, 0);
	field(giv, 0);
	field(p->male ? "M" : "F", 0);
	field(date, 0);
	field("", 0);
	field(dup == 6 ? "" : p->nat, 0);
	field(spell(&rg->male[p->father], native), 0);
	field(p->mother < rg->nfemale ? spell(&rg->female[p->mother], native) :
	    "", 0);
	field(p->doc[0] && dup != 6 ? "passport" : "", 0);
	field(dup == 6 ? "" : p->doc, 0);
	field(p->phone, 1);
}

/* Draw a new person. */
static void
person_new(struct person *p)
{
	const struct region	*rg;
	int			 w = 0, total = 0;
	size_t			 i;
	static const int	 mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31};

	memset(p, 0, sizeof(*p));
	for (i = 0; i < N(regions); i++)
		total += regions[i].weight;
	w = (int)pick((size_t)total);
	for (i = 0; i < N(regions) && w >= regions[i].weight; i++)
		w -= regions[i].weight;
	p->region = i;
	rg = &regions[i];
	p->male = pick(100) < 55;
	p->family = zipf(rg->nfamily);
	p->given = zipf(p->male ? rg->nmale : rg->nfemale);
	p->has_given2 = pick(100) < 20;
	p->given2 = zipf(rg->nmale);
	p->father = zipf(rg->nmale);
	p->mother = pick(100) < 50 ? zipf(rg->nfemale) : (size_t)-1;
	p->native = (int)pick(100) < rg->native_pct;
	snprintf(p->nat, sizeof(p->nat), "%s", rg->nat[pick(rg->nnat)]);
	i = pick(100);
	p->year = 1940 + (int)pick(81);
	if (i < 3)
		p->year = 0;			/* unknown */
	else if (i < 13)
		;				/* year only */
	else if (i < 15)
		p->month = p->day = 1;		/* the 01-01 placeholder */
	else {
		p->month = 1 + (int)pick(12);
		p->day = 1 + (int)pick((size_t)mdays[p->month - 1]);
	}
	if (pick(100) < 40)
		snprintf(p->doc, sizeof(p->doc), "%c%c%07lu",
		    'A' + (int)pick(26), 'A' + (int)pick(26),
		    (unsigned long)pick(10000000));
	if (pick(100) < 30)
		snprintf(p->phone, sizeof(p->phone), "+%s%09lu", rg->cc,
		    (unsigned long)(100000000 + pick(899999999)));
}

int
main(int argc, char *argv[])
{
	struct person	*ring;
	unsigned long	 count, i, nring = 4096, made = 0;
	const char	*source = argc > 3 ? argv[3] : "bench";
	FILE		*truth = NULL;

	if (argc < 2 || (count = strtoul(argv[1], NULL, 10)) == 0) {
		fprintf(stderr, "usage: gen COUNT [SEED] [SOURCE]\n");
		return 2;
	}
	state = argc > 2 ? strtoull(argv[2], NULL, 10) : 20261122;
	if (state == 0)
		state = 1;
	if ((ring = calloc(nring, sizeof(*ring))) == NULL)
		return 1;
	if (argc > 4 && (truth = fopen(argv[4], "w")) == NULL) {
		perror(argv[4]);
		free(ring);
		return 1;
	}
	puts("source,source_id,family_name,given_names,sex,birth_date,"
	    "birth_place,nationality,father_name,mother_name,document_type,"
	    "document_number,phone");
	for (i = 1; i <= count; i++) {
		/* About 5 %: a near-duplicate of a recent person. */
		if (made > 0 && pick(100) < 5) {
			/* the kind first: the order gcc evaluated the two
			 * draws in when they were emit()'s arguments, which
			 * keeps the file the same bytes as before */
			int kind = 1 + (int)pick(6);
			struct person *p = &ring[pick(made < nring ? made :
			    nring)];

			emit(source, i, p, kind);
			if (truth != NULL)
				fprintf(truth, "%lu,%lu\n", i, p->number);
			continue;
		}
		person_new(&ring[made % nring]);
		ring[made % nring].number = made + 1;
		emit(source, i, &ring[made % nring], 0);
		if (truth != NULL)
			fprintf(truth, "%lu,%lu\n", i, made + 1);
		made++;
	}
	free(ring);
	if (truth != NULL && fclose(truth) != 0) {
		perror(argv[4]);
		return 1;
	}
	return 0;
}
