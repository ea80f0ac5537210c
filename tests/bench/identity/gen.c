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
#include <unistd.h>

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
	{{"Shabana", "Shabaneh", NULL, NULL}, "شبانه"},
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
	{{"Yonas", "Jonas", NULL, NULL}, "ዮናስ"},
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

/* xorshift64*: deterministic everywhere. Two streams: the register's
 * (state) and the skewed mode's queries (qstate), so that asking for
 * queries never changes the register's bytes; stream points at the one
 * in use. */
static uint64_t	state, qstate;
static uint64_t	*stream = &state;

static uint64_t
rnd(void)
{
	*stream ^= *stream >> 12;
	*stream ^= *stream << 25;
	*stream ^= *stream >> 27;
	return *stream * 2685821657736338717ULL;
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

/* ------------------------------------------------------------------ */
/*
 * The skewed register (-S): registers as Syrian, Afghan, Somali,
 * Eritrean or Guinean agencies keep them, where a handful of names
 * cover a large share of the people. Each pool (male, female, family
 * names of a region) is its table above (the head) followed by a tail
 * of rarer names synthesised from the region's syllables, with native
 * forms; names are drawn with Zipf weights 1 / rank, so that the ten
 * commonest names of a pool are about half of its persons (the profile
 * printed on stderr says how many exactly). Father's and mother's names
 * come from the same male and female pools; Somali and Eritrean family
 * names are the grandfather's given name (the male pool again); a fifth
 * of Pashto records have no family name. Persons are namesakes by
 * construction (skewed pools, and 2 % of persons are given the names of
 * an earlier one: cousins named after one grandfather), and SK_DUP_PCT
 * of the records are true duplicates of an earlier person, written by
 * another agent: other transliterations, the other script, typing
 * errors, swapped names, date errors (day and month swapped, year only,
 * a year off by one, the 01-01 placeholder, a digit mistyped, missing),
 * a second given name dropped or the father's name added, parents,
 * documents and phones missing.
 *
 * With -q FILE it also writes the benchmark's queries, one per line,
 * tab-separated: kind, the expected source_ids ("|"-separated; "-" for
 * an absent person), its namesakes (other persons of the register with
 * the same names and a birth date the query cannot tell apart: no
 * search can rank the right one first for sure), what an agent typed
 * (readable) and the query string of GET /identity/search. Known persons (-k, default 210) are
 * drawn from the register, one query each, the kinds in turn:
 *   exact     as recorded in its first record, with its birth date
 *   spelling  another Latin spelling of each name (Latin for a record
 *             written natively), birth date
 *   script    across scripts: its own script (Arabic, Persian, Ge'ez,
 *             Cyrillic) when its record is in Latin, the usual Latin
 *             spelling when the record is native; for Somali and
 *             Latin regions the local orthography; birth date
 *   partial   as recorded, the birth year only
 *   swapped   family and given names in each other's fields, date
 *   typo      a typing error in the family name, date
 *   free      free text "given family year" in Latin (q=)
 * Absent persons (-a, default 200) are drawn as the register's are but
 * never written to it: names as typed at a registration desk and the
 * birth date as known.
 */

/* Percent of records that are true duplicates of an earlier person. */
#define SK_DUP_PCT	3
/* Percent of new persons given the names of an earlier person. */
#define SK_NAMESAKE_PCT	2
/* Tail lengths: pools of about 170-280 names in all. */
#define SK_TAIL_GIVEN	150
#define SK_TAIL_FAMILY	250
#define SK_NOFAM	0xffff

enum sk_pool { SK_MALE, SK_FEMALE, SK_FAMILY, SK__POOLS };
enum sk_region { R_ARABIC, R_PERSIAN, R_PASHTO, R_SOMALI, R_TIGRINYA,
	R_CYRILLIC, R_LATIN };

/* A syllable of a synthesised name: Latin and native forms. */
struct syl {
	const char	*latin, *native;
};

/* Arabic-script syllables: only letters Arabic and Persian write alike
 * (no kaf, no ya), short vowels unwritten as in real records. */
static const struct syl as_open[] = {
	{"ba", "ب"}, {"ta", "ت"}, {"ja", "ج"}, {"ha", "ح"}, {"kha", "خ"},
	{"da", "د"}, {"ra", "ر"}, {"za", "ز"}, {"sa", "س"}, {"sha", "ش"},
	{"fa", "ف"}, {"qa", "ق"}, {"la", "ل"}, {"ma", "م"}, {"na", "ن"},
	{"wa", "و"}, {"baa", "با"}, {"taa", "تا"}, {"jaa", "جا"},
	{"haa", "حا"}, {"raa", "را"}, {"saa", "سا"}, {"faa", "فا"},
	{"maa", "ما"}, {"naa", "نا"}, {"nu", "ن"}, {"mu", "م"}, {"ru", "ر"},
	{"suu", "سو"}, {"muu", "مو"}, {"nuu", "نو"}, {"duu", "دو"},
};
static const struct syl as_final[] = {
	{"d", "د"}, {"r", "ر"}, {"m", "م"}, {"l", "ل"}, {"n", "ن"},
	{"b", "ب"}, {"q", "ق"}, {"f", "ف"}, {"s", "س"}, {"z", "ز"},
	{"t", "ت"}, {"sh", "ش"}, {"j", "ج"}, {"h", "ح"},
};
/* Somali in its own orthography (c for 'ayn, x for the h of Xasan,
 * doubled long vowels); the usual Latin spelling is derived. */
static const struct syl so_open[] = {
	{"ca", ""}, {"xa", ""}, {"ba", ""}, {"da", ""}, {"fa", ""},
	{"ga", ""}, {"ja", ""}, {"ka", ""}, {"la", ""}, {"ma", ""},
	{"na", ""}, {"sa", ""}, {"wa", ""}, {"ya", ""}, {"di", ""},
	{"ri", ""}, {"xi", ""}, {"mu", ""}, {"du", ""}, {"yu", ""},
	{"caa", ""}, {"xaa", ""}, {"daa", ""}, {"maa", ""}, {"sii", ""},
	{"xuu", ""}, {"roo", ""}, {"boo", ""}, {"cu", ""}, {"hi", ""},
};
static const struct syl so_final[] = {
	{"d", ""}, {"r", ""}, {"n", ""}, {"l", ""}, {"m", ""}, {"s", ""},
	{"x", ""}, {"g", ""}, {"b", ""}, {"e", ""}, {"i", ""},
};
/* Ge'ez: a syllable is one character; finals in the sixth order. */
static const struct syl ge_open[] = {
	{"te", "ተ"}, {"se", "ሰ"}, {"be", "በ"}, {"re", "ረ"}, {"me", "መ"},
	{"ne", "ነ"}, {"ge", "ገ"}, {"ke", "ከ"}, {"de", "ደ"}, {"we", "ወ"},
	{"ye", "የ"}, {"le", "ለ"}, {"ha", "ሃ"}, {"fa", "ፋ"}, {"za", "ዛ"},
	{"ma", "ማ"}, {"ra", "ራ"}, {"ka", "ካ"}, {"mi", "ሚ"}, {"ri", "ሪ"},
	{"si", "ሲ"}, {"mu", "ሙ"}, {"lu", "ሉ"}, {"ti", "ቲ"}, {"bi", "ቢ"},
};
static const struct syl ge_final[] = {
	{"t", "ት"}, {"s", "ስ"}, {"m", "ም"}, {"n", "ን"}, {"l", "ል"},
	{"r", "ር"}, {"y", "ይ"}, {"b", "ብ"}, {"k", "ክ"}, {"we", "ወ"},
};
/* Ge'ez compound heads ("Gebremeskel"). */
static const struct syl ge_head[] = {
	{"gebre", "ገብረ"}, {"habte", "ሃብተ"}, {"wolde", "ወልደ"},
	{"tesfa", "ተስፋ"}, {"kidane", "ኪዳነ"},
};
static const struct syl cy_open[] = {
	{"va", "ва"}, {"so", "со"}, {"ro", "ро"}, {"lo", "ло"}, {"ko", "ко"},
	{"mi", "ми"}, {"ni", "ни"}, {"ra", "ра"}, {"ta", "та"}, {"be", "бе"},
	{"do", "до"}, {"gri", "гри"}, {"pe", "пе"}, {"la", "ла"},
	{"zo", "зо"}, {"cha", "ча"}, {"shi", "ши"}, {"mo", "мо"},
	{"bo", "бо"}, {"sta", "ста"}, {"kra", "кра"}, {"vo", "во"},
};
static const struct syl cy_final[] = {
	{"n", "н"}, {"r", "р"}, {"slav", "слав"}, {"d", "д"}, {"m", "м"},
	{"l", "л"}, {"t", "т"}, {"sh", "ш"},
};
static const struct syl cy_suffix[] = {
	{"ov", "ов"}, {"enko", "енко"}, {"uk", "ук"}, {"in", "ин"},
	{"chuk", "чук"}, {"ev", "ев"},
};
static const struct syl la_open[] = {
	{"ka", ""}, {"ba", ""}, {"di", ""}, {"ma", ""}, {"sa", ""},
	{"ko", ""}, {"to", ""}, {"fo", ""}, {"ni", ""}, {"la", ""},
	{"ke", ""}, {"ne", ""}, {"bo", ""}, {"su", ""}, {"si", ""},
	{"ta", ""}, {"fa", ""}, {"ga", ""}, {"mou", ""}, {"dja", ""},
	{"sy", ""}, {"tou", ""}, {"da", ""}, {"kou", ""},
};
static const struct syl la_final[] = {
	{"", ""}, {"", ""}, {"n", ""}, {"r", ""}, {"h", ""}, {"l", ""},
	{"ne", ""}, {"re", ""}, {"te", ""}, {"ba", ""},
};

/* One pool: cumulative Zipf weights over head + tail. */
struct sk_pool_def {
	const struct nm	*head;
	size_t		 nhead, n;
	double		*cum;
};

static struct sk_pool_def	sk_pools[N(regions)][SK__POOLS];

/* One generated person of the skewed register. */
struct sk_person {
	uint8_t		 region, male, native, ngiven, has_mother, prec;
	uint8_t		 v_family, v_given[2];	/* first record's spellings */
	uint16_t	 given[2], family, father, mother;
	int16_t		 year;
	uint8_t		 month, day;
	uint32_t	 first_rec, last_rec, nrec;
	char		 doc[10], phone[16], nat[4];
};

static struct sk_person	*sk_people;
static uint32_t		*sk_next_rec;	/* record -> next record of its person */

/* splitmix64: a name's hash (tails are functions of the pool and rank,
 * not of the random stream). */
static uint64_t
mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Does the family name come from the male pool (the grandfather's
 * given name, as in Somali and Eritrean registers)? */
static int
sk_patronymic(size_t r)
{
	return r == R_SOMALI || r == R_TIGRINYA;
}

/* Build the pools' cumulative weights. Returns 0, or -1 when out of
 * memory. */
static int
sk_pools_init(void)
{
	size_t	r, k, i;
	double	t;

	for (r = 0; r < N(regions); r++)
		for (k = 0; k < SK__POOLS; k++) {
			struct sk_pool_def *pd = &sk_pools[r][k];

			pd->head = k == SK_MALE ? regions[r].male : k ==
			    SK_FEMALE ? regions[r].female : regions[r].family;
			pd->nhead = k == SK_MALE ? regions[r].nmale : k ==
			    SK_FEMALE ? regions[r].nfemale : regions[r].nfamily;
			pd->n = pd->nhead + (k == SK_FAMILY ? SK_TAIL_FAMILY :
			    SK_TAIL_GIVEN);
			if ((pd->cum = calloc(pd->n, sizeof(double))) == NULL)
				return -1;
			for (i = 0, t = 0; i < pd->n; i++) {
				t += 1.0 / (double)(i + 1);
				pd->cum[i] = t;
			}
		}
	return 0;
}

/* A rank of pool pd drawn with weights 1 / (rank + 1). */
static uint16_t
sk_draw(const struct sk_pool_def *pd)
{
	double	x = (double)pick(1000000000) / 1e9 * pd->cum[pd->n - 1];
	size_t	lo = 0, hi = pd->n - 1, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (pd->cum[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint16_t)lo;
}

/* Copy s into d (of size sz), cut if need be. */
static void
scopy(char *d, size_t sz, const char *s)
{
	size_t	n = strlen(s);

	if (n >= sz)
		n = sz - 1;
	memcpy(d, s, n);
	d[n] = '\0';
}

/* Replace every "from" in s (of size sz) by "to". */
static void
repl(char *s, size_t sz, const char *from, const char *to)
{
	char	out[256], *p = s;
	size_t	lf = strlen(from), o = 0;

	while (*p != '\0' && o + 1 < sizeof(out)) {
		if (strncmp(p, from, lf) == 0) {
			o += (size_t)snprintf(out + o, sizeof(out) - o, "%s", to);
			if (o >= sizeof(out))
				o = sizeof(out) - 1;
			p += lf;
		} else
			out[o++] = *p++;
	}
	out[o] = '\0';
	scopy(s, sz, out);
}

/* Upper-case the ASCII letter at s[0] and after each '-' or ' '. */
static void
capitalise(char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++)
		if ((i == 0 || s[i - 1] == '-' || s[i - 1] == ' ') &&
		    s[i] >= 'a' && s[i] <= 'z')
			s[i] = (char)(s[i] - 'a' + 'A');
}

/* Latin spelling v of a raw synthesised form of region r (lower case).
 * Spellings of a tail name: 3. */
static void
sk_variant(size_t r, size_t v, char *s, size_t sz)
{
	switch (r) {
	case R_ARABIC:
	case R_PERSIAN:
	case R_PASHTO:
		if (v == 2)		/* long vowels doubled: "Jamaal" */
			break;
		if (v == 1) {
			repl(s, sz, "uu", "ou");
			repl(s, sz, "q", "k");
		}
		repl(s, sz, "aa", "a");
		repl(s, sz, "uu", "u");
		break;
	case R_SOMALI:
		if (v == 1)		/* the Somali orthography itself */
			break;
		if (s[0] == 'c')
			memmove(s, s + 1, strlen(s));
		repl(s, sz, "c", "");
		repl(s, sz, "x", v == 2 ? "kh" : "h");
		repl(s, sz, "aa", "a");
		repl(s, sz, "ii", "i");
		repl(s, sz, "uu", "u");
		repl(s, sz, "oo", "o");
		break;
	case R_TIGRINYA:
		if (v >= 1) {
			repl(s, sz, "g", "gh");
			if (strlen(s) > 1 && s[strlen(s) - 1] == 'y')
				s[strlen(s) - 1] = 'i';
		}
		if (v == 2)
			repl(s, sz, "we", "wo");
		break;
	case R_CYRILLIC:
		if (v == 1) {		/* German */
			repl(s, sz, "sh", "sch");
			repl(s, sz, "ch", "tsch");
			repl(s, sz, "v", "w");
		} else if (v == 2) {	/* French */
			repl(s, sz, "ch", "tch");
			repl(s, sz, "sh", "ch");
			repl(s, sz, "u", "ou");
		}
		break;
	default:
		if (v == 1) {
			repl(s, sz, "ou", "u");
			repl(s, sz, "dj", "j");
			repl(s, sz, "ka", "ca");
			repl(s, sz, "ko", "co");
		} else if (v == 2)
			repl(s, sz, "y", "i");
		break;
	}
}

/* Append a family-name suffix to both forms (lat, nat), cut to fit. */
static void
suffix_add(char *lat, size_t lsz, char *nat, size_t nsz, const char *latin,
    const char *native)
{
	strncat(lat, latin, lsz - strlen(lat) - 1);
	strncat(nat, native, nsz - strlen(nat) - 1);
}

/*
 * Tail name k of pool pk of region r: its raw Latin form (lower case,
 * before sk_variant) in lat and its native form in nat ("" when the
 * region writes Latin). *particle is set when it takes the article
 * ("Al-" in the Arabic region's family names).
 */
static void
sk_tail(size_t r, int pk, size_t k, char *lat, size_t lsz, char *nat,
    size_t nsz, int *particle)
{
	const struct syl *o, *f;
	size_t		 no, nf;
	uint64_t	 h = mix64(((uint64_t)r << 40) ^ ((uint64_t)pk << 32) ^
			    (uint64_t)k);
	const struct syl *a, *b, *c;

	*particle = 0;
	switch (r) {
	case R_ARABIC:
	case R_PERSIAN:
	case R_PASHTO:
		o = as_open, no = N(as_open), f = as_final, nf = N(as_final);
		break;
	case R_SOMALI:
		o = so_open, no = N(so_open), f = so_final, nf = N(so_final);
		break;
	case R_TIGRINYA:
		o = ge_open, no = N(ge_open), f = ge_final, nf = N(ge_final);
		break;
	case R_CYRILLIC:
		o = cy_open, no = N(cy_open), f = cy_final, nf = N(cy_final);
		break;
	default:
		o = la_open, no = N(la_open), f = la_final, nf = N(la_final);
		break;
	}
	a = &o[h % no];
	b = &o[(h >> 8) % no];
	c = &f[(h >> 16) % nf];
	snprintf(lat, lsz, "%s%s%s", a->latin, b->latin, c->latin);
	snprintf(nat, nsz, "%s%s%s", a->native, b->native, c->native);
	if (r == R_TIGRINYA && pk != SK_FEMALE && (h >> 24) % 100 < 40) {
		const struct syl *g = &ge_head[(h >> 32) % N(ge_head)];
		char	 l2[128], n2[256];

		snprintf(l2, sizeof(l2), "%s%s%s", g->latin, b->latin,
		    c->latin);
		snprintf(n2, sizeof(n2), "%s%s%s", g->native, b->native,
		    c->native);
		snprintf(lat, lsz, "%s", l2);
		snprintf(nat, nsz, "%s", n2);
	}
	if (pk == SK_FEMALE) {
		const char *lf = "a", *nf2 = "";

		switch (r) {
		case R_ARABIC:
			nf2 = "ة";
			break;
		case R_PERSIAN:
		case R_PASHTO:
			nf2 = "ه";
			break;
		case R_SOMALI:
			lf = "o";
			break;
		case R_TIGRINYA:
			lf = "";
			break;
		case R_CYRILLIC:
			nf2 = "а";
			break;
		default:
			break;
		}
		snprintf(lat + strlen(lat), lsz - strlen(lat), "%s", lf);
		snprintf(nat + strlen(nat), nsz - strlen(nat), "%s", nf2);
	}
	if (pk != SK_FAMILY)
		return;
	switch (r) {
	case R_ARABIC:
		*particle = (h >> 40) % 100 < 60;
		break;
	case R_PERSIAN:
		if ((h >> 40) % 100 < 70)
			suffix_add(lat, lsz, nat, nsz, "i", "ی");
		else
			suffix_add(lat, lsz, nat, nsz, "zadeh", "زاده");
		break;
	case R_PASHTO:
		if ((h >> 40) % 100 < 70)
			suffix_add(lat, lsz, nat, nsz, "zai", "زی");
		else
			suffix_add(lat, lsz, nat, nsz, "khel", "خیل");
		break;
	case R_CYRILLIC: {
		const struct syl *sx = &cy_suffix[(h >> 40) % N(cy_suffix)];

		suffix_add(lat, lsz, nat, nsz, sx->latin, sx->native);
		break;
	}
	default:
		break;
	}
}

/* The pool a person's name of kind pk is drawn from in region r. */
static const struct sk_pool_def *
sk_pool(size_t r, int pk)
{
	if (pk == SK_FAMILY && sk_patronymic(r))
		return &sk_pools[r][SK_MALE];
	return &sk_pools[r][pk];
}

/* How many Latin spellings name idx of pool pk of region r has. */
static size_t
sk_nspell(size_t r, int pk, size_t idx)
{
	const struct sk_pool_def *pd = sk_pool(r, pk);
	size_t	k;
	char	lat[128], nat[256];
	int	particle;

	if (idx < pd->nhead) {
		for (k = 0; k < 4 && pd->head[idx].latin[k] != NULL; k++)
			;
		return k;
	}
	sk_tail(r, pk == SK_FAMILY && sk_patronymic(r) ? SK_MALE : pk,
	    idx - pd->nhead, lat, sizeof(lat), nat, sizeof(nat), &particle);
	return particle ? 4 : 3;
}

/* Does name idx of pool pk of region r have a native form? */
static int
sk_has_native(size_t r, int pk, size_t idx)
{
	const struct sk_pool_def *pd = sk_pool(r, pk);

	if (idx < pd->nhead)
		return pd->head[idx].native[0] != '\0';
	return r != R_SOMALI && r != R_LATIN;
}

/*
 * Name idx of pool pk of region r written natively (native, when it
 * has a native form) or in Latin spelling v (a v beyond its spellings:
 * the usual one) into out.
 */
static void
sk_spell(size_t r, int pk, size_t idx, int native, size_t v, char *out,
    size_t sz)
{
	const struct sk_pool_def *pd = sk_pool(r, pk);
	char	lat[128], nat[256], part[160];
	int	particle;
	size_t	n = sk_nspell(r, pk, idx);

	if (v >= n)
		v = 0;
	if (idx < pd->nhead) {
		if (native && pd->head[idx].native[0] != '\0')
			snprintf(out, sz, "%s", pd->head[idx].native);
		else
			snprintf(out, sz, "%s", pd->head[idx].latin[v]);
		return;
	}
	sk_tail(r, pk == SK_FAMILY && sk_patronymic(r) ? SK_MALE : pk,
	    idx - pd->nhead, lat, sizeof(lat), nat, sizeof(nat), &particle);
	if (native && nat[0] != '\0') {
		scopy(out, sz, particle ? "ال" : "");
		scopy(out + strlen(out), sz - strlen(out), nat);
		return;
	}
	if (!particle) {
		sk_variant(r, v, lat, sizeof(lat));
		capitalise(lat);
		snprintf(out, sz, "%s", lat);
		return;
	}
	/* The article, as registers write it: Al-X, AlX, El X, Al X. */
	sk_variant(r, v == 3 ? 2 : v == 2 ? 1 : 0, lat, sizeof(lat));
	if (v == 1) {
		snprintf(part, sizeof(part), "Al%s", lat);
	} else {
		capitalise(lat);
		snprintf(part, sizeof(part), "%s%s", v == 0 ? "Al-" : v == 2 ?
		    "El " : "Al ", lat);
	}
	snprintf(out, sz, "%s", part);
}

/* A spelling drawn as a desk writes it: the usual one 70 % of the
 * time, else any. */
static uint8_t
sk_pick_spelling(size_t r, int pk, size_t idx)
{
	return pick(100) < 70 ? 0 : (uint8_t)pick(sk_nspell(r, pk, idx));
}

/* Draw a new person of the skewed register into p (the current
 * stream). */
static void
sk_person_new(struct sk_person *p, size_t made)
{
	const struct region	*rg;
	int			 w, total = 0, place, year_only, unknown;
	size_t			 i, r;
	static const int	 mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31};

	memset(p, 0, sizeof(*p));
	for (i = 0; i < N(regions); i++)
		total += regions[i].weight;
	w = (int)pick((size_t)total);
	for (i = 0; i < N(regions) && w >= regions[i].weight; i++)
		w -= regions[i].weight;
	r = i;
	rg = &regions[r];
	p->region = (uint8_t)r;
	p->male = pick(100) < 55;
	p->given[0] = sk_draw(&sk_pools[r][p->male ? SK_MALE : SK_FEMALE]);
	p->father = sk_draw(&sk_pools[r][SK_MALE]);
	p->ngiven = 1;
	i = pick(100);
	if (i < 12) {		/* a second given name */
		p->given[1] = sk_draw(&sk_pools[r][p->male ? SK_MALE :
		    SK_FEMALE]);
		p->ngiven = 2;
	} else if (i < 20 && r <= R_PASHTO) {	/* the father's, chained */
		p->given[1] = p->father;
		p->ngiven = 2;
	}
	if (r == R_PASHTO && pick(100) < 20)
		p->family = SK_NOFAM;
	else
		p->family = sk_draw(sk_pool(r, SK_FAMILY));
	/* Cousins named after one grandfather: an earlier person's names,
	 * another birth date and mother. */
	if (made > 0 && pick(100) < SK_NAMESAKE_PCT) {
		const struct sk_person *o = &sk_people[pick(made)];

		if (o->region == r && o->male == p->male) {
			memcpy(p->given, o->given, sizeof(p->given));
			p->ngiven = o->ngiven;
			p->family = o->family;
			p->father = o->father;
		}
	}
	p->has_mother = pick(100) < 70;
	p->mother = sk_draw(&sk_pools[r][SK_FEMALE]);
	p->native = (int)pick(100) < rg->native_pct;
	snprintf(p->nat, sizeof(p->nat), "%s", rg->nat[pick(rg->nnat)]);
	/* Birth dates: registers of displaced people hold many years
	 * alone and 01-01 placeholders (most among Afghans and Somalis). */
	unknown = 3;
	year_only = r == R_PASHTO ? 18 : r == R_SOMALI ? 14 : 8;
	place = r == R_PASHTO ? 12 : r == R_SOMALI ? 8 : 2;
	i = pick(100);
	p->year = (int16_t)(1940 + (int)pick(81));
	p->prec = 3;
	if (i < (size_t)unknown) {
		p->year = 0;
		p->prec = 0;
	} else if (i < (size_t)(unknown + year_only))
		p->prec = 1;
	else if (i < (size_t)(unknown + year_only + place))
		p->month = p->day = 1;
	else {
		p->month = (uint8_t)(1 + pick(12));
		p->day = (uint8_t)(1 + pick((size_t)mdays[p->month - 1]));
	}
	if (p->prec == 3 && p->month == 0)
		p->month = p->day = 1;
	if (pick(100) < 40)
		snprintf(p->doc, sizeof(p->doc), "%c%c%07lu",
		    'A' + (int)pick(26), 'A' + (int)pick(26),
		    (unsigned long)pick(10000000));
	if (pick(100) < 30)
		snprintf(p->phone, sizeof(p->phone), "+%s%09lu", rg->cc,
		    (unsigned long)(100000000 + pick(899999999)));
	p->v_family = p->family == SK_NOFAM ? 0 :
	    sk_pick_spelling(r, SK_FAMILY, p->family);
	p->v_given[0] = sk_pick_spelling(r, p->male ? SK_MALE : SK_FEMALE,
	    p->given[0]);
	p->v_given[1] = sk_pick_spelling(r, p->male || p->given[1] ==
	    p->father ? SK_MALE : SK_FEMALE, p->given[1]);
}

/* Typing errors: two neighbouring letters swapped, a letter dropped,
 * doubled or replaced by a neighbour on the keyboard's vowel row.
 * ASCII names only (a native name is left as it is). */
static void
sk_typo(char *s)
{
	size_t	n = strlen(s), i, k;
	static const char vowels[] = "aeiou";

	for (k = 0; k < n; k++)
		if ((unsigned char)s[k] >= 0x80)
			return;
	if (n < 4)
		return;
	i = 1 + pick(n - 2);
	switch (pick(4)) {
	case 0:
		k = (size_t)s[i], s[i] = s[i + 1], s[i + 1] = (char)k;
		break;
	case 1:
		memmove(s + i, s + i + 1, n - i);
		break;
	case 2:
		if (n < 60) {
			memmove(s + i + 1, s + i, n - i + 1);
			s[i] = s[i + 1];
		}
		break;
	default:
		if (strchr(vowels, s[i]) != NULL)
			s[i] = vowels[(strchr(vowels, s[i]) - vowels + 1 +
			    (long)pick(4)) % 5];
		else
			k = (size_t)s[i], s[i] = s[i + 1], s[i + 1] = (char)k;
		break;
	}
}

/* What a record or a query says of a person. */
struct sk_view {
	char	family[160], given[320], date[16], father[160], mother[160];
	char	sex[2], nat[4], doc[10], doctype[10], phone[16];
};

/* Format a date at a precision (0 unknown .. 3 day). */
static void
sk_date(char *out, size_t sz, int y, int m, int d, int prec)
{
	if (prec == 0 || y == 0)
		out[0] = '\0';
	else if (prec == 1)
		snprintf(out, sz, "%04d", y);
	else if (prec == 2)
		snprintf(out, sz, "%04d-%02d", y, m);
	else
		snprintf(out, sz, "%04d-%02d-%02d", y, m, d);
}

/*
 * The names of p spelled: natively (native) or with the first record's
 * spellings (first) or fresh draws from the current stream.
 */
static void
sk_names(const struct sk_person *p, int native, int first,
    struct sk_view *v)
{
	size_t	r = p->region, k;
	int	gk[2];
	char	one[160];

	gk[0] = p->male ? SK_MALE : SK_FEMALE;
	gk[1] = p->male || p->given[1] == p->father ? SK_MALE : SK_FEMALE;
	v->family[0] = '\0';
	if (p->family != SK_NOFAM)
		sk_spell(r, SK_FAMILY, p->family, native, first ? p->v_family :
		    sk_pick_spelling(r, SK_FAMILY, p->family), v->family,
		    sizeof(v->family));
	v->given[0] = '\0';
	for (k = 0; k < p->ngiven; k++) {
		sk_spell(r, gk[k], p->given[k], native, first ?
		    p->v_given[k] : sk_pick_spelling(r, gk[k], p->given[k]),
		    one, sizeof(one));
		snprintf(v->given + strlen(v->given), sizeof(v->given) -
		    strlen(v->given), "%s%s", k ? " " : "", one);
	}
	sk_spell(r, SK_MALE, p->father, native, first ? 0 :
	    sk_pick_spelling(r, SK_MALE, p->father), v->father,
	    sizeof(v->father));
	v->mother[0] = '\0';
	if (p->has_mother)
		sk_spell(r, SK_FEMALE, p->mother, native, first ? 0 :
		    sk_pick_spelling(r, SK_FEMALE, p->mother), v->mother,
		    sizeof(v->mother));
}

/* Print a view as an import row. */
static void
sk_row(const char *source, unsigned long id, const struct sk_view *v)
{
	char	tmp[24];

	snprintf(tmp, sizeof(tmp), "%lu", id);
	field(source, 0);
	field(tmp, 0);
	field(v->family, 0);
	field(v->given, 0);
	field(v->sex, 0);
	field(v->date, 0);
	field("", 0);
	field(v->nat, 0);
	field(v->father, 0);
	field(v->mother, 0);
	field(v->doctype, 0);
	field(v->doc, 0);
	field(v->phone, 1);
}

/* The first record of p, as its registration wrote it. */
static void
sk_emit_first(const char *source, unsigned long id,
    const struct sk_person *p)
{
	struct sk_view	v;

	memset(&v, 0, sizeof(v));
	sk_names(p, p->native, 1, &v);
	sk_date(v.date, sizeof(v.date), p->year, p->month, p->day, p->prec);
	snprintf(v.sex, sizeof(v.sex), "%s", p->male ? "M" : "F");
	snprintf(v.nat, sizeof(v.nat), "%s", p->nat);
	snprintf(v.doc, sizeof(v.doc), "%s", p->doc);
	snprintf(v.doctype, sizeof(v.doctype), "%s", p->doc[0] ? "passport" :
	    "");
	snprintf(v.phone, sizeof(v.phone), "%s", p->phone);
	sk_row(source, id, &v);
}

/* A true duplicate of p: another agent's record, with that agent's
 * spellings and the errors of real registers. */
static void
sk_emit_dup(const char *source, unsigned long id, const struct sk_person *p)
{
	struct sk_view	v;
	struct sk_person q = *p;
	int		 native = p->native, y = p->year, m = p->month,
			 d = p->day, prec = p->prec;
	char		 tmp[320];
	size_t		 i;

	memset(&v, 0, sizeof(v));
	if (pick(100) < 30 && sk_has_native(p->region, p->male ? SK_MALE :
	    SK_FEMALE, p->given[0]))
		native = !native;		/* the other script */
	i = pick(100);
	if (i < 8 && q.ngiven == 2)
		q.ngiven = 1;			/* second given name dropped */
	else if (i < 16 && q.ngiven == 1 && p->region <= R_PASHTO) {
		q.given[1] = q.father;		/* father's name chained */
		q.ngiven = 2;
	}
	if (pick(100) < 20)
		q.has_mother = 0;
	sk_names(&q, native, 0, &v);
	if (pick(100) < 25) {			/* typing error */
		if (pick(2) == 0 && v.family[0] != '\0')
			sk_typo(v.family);
		else
			sk_typo(v.given);
	}
	if (pick(100) < 8 && v.family[0] != '\0') {	/* names swapped */
		snprintf(tmp, sizeof(tmp), "%s", v.family);
		snprintf(v.family, sizeof(v.family), "%.159s", v.given);
		snprintf(v.given, sizeof(v.given), "%s", tmp);
	}
	if (pick(100) < 10)
		v.father[0] = '\0';
	if (pick(100) < 35) {			/* a date error */
		switch (pick(6)) {
		case 0:
			if (prec == 3 && d <= 12 && d != m)
				i = (size_t)d, d = m, m = (int)i;
			break;
		case 1:
			if (prec >= 1)
				prec = 1;
			break;
		case 2:
			if (y != 0)
				y += pick(2) ? 1 : -1;
			break;
		case 3:
			if (prec == 3)
				m = d = 1;
			break;
		case 4:
			if (prec == 3 && d != 1 && d != 11 && d != 21)
				d = d % 10 == 0 ? d - 1 : (d / 10) * 10 +
				    (int)(1 + pick(9));
			if (d > 28)
				d = 28;
			break;
		default:
			prec = 0;
			break;
		}
	}
	sk_date(v.date, sizeof(v.date), y, m, d, prec);
	if (pick(100) >= 5)
		snprintf(v.sex, sizeof(v.sex), "%s", p->male ? "M" : "F");
	if (pick(100) >= 10)
		snprintf(v.nat, sizeof(v.nat), "%s", p->nat);
	if (p->doc[0] && pick(100) < 30) {
		snprintf(v.doc, sizeof(v.doc), "%s", p->doc);
		snprintf(v.doctype, sizeof(v.doctype), "passport");
	}
	if (p->phone[0] && pick(100) < 30)
		snprintf(v.phone, sizeof(v.phone), "%s", p->phone);
	sk_row(source, id, &v);
}

/* Append s to b (of size sz) percent-encoded for a query string. */
static void
urlenc(char *b, size_t sz, const char *s)
{
	size_t	o = strlen(b);

	for (; *s != '\0' && o + 4 < sz; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-_.~", c) != NULL)
			b[o++] = (char)c;
		else
			o += (size_t)snprintf(b + o, sz - o, "%%%02X", c);
	}
	b[o] = '\0';
}

/* Append "&name=value" (value encoded) when value is not empty. */
static void
qparam(char *b, size_t sz, const char *name, const char *value)
{
	if (value[0] == '\0')
		return;
	snprintf(b + strlen(b), sz - strlen(b), "%s%s=", b[0] ? "&" : "",
	    name);
	urlenc(b, sz, value);
}

enum sk_qkind { Q_EXACT, Q_SPELLING, Q_SCRIPT, Q_PARTIAL, Q_SWAPPED,
	Q_TYPO, Q_FREE, Q__KINDS };
static const char *const qkind_names[] = {"exact", "spelling", "script",
	"partial", "swapped", "typo", "free"};

/*
 * How many persons of the register other than p (self: its index, or
 * made for none) carry p's names (region, sex, family and given names)
 * and the birth date a query of precision prec (at most p's) gives: the
 * same year, the same day, as precise (a person whose date is unknown
 * is not one: a search can rank the date that agrees first). These are
 * the persons the query cannot tell from p.
 */
static size_t
sk_namesakes(const struct sk_person *p, int prec, size_t self, size_t made)
{
	const struct sk_person *o;
	size_t	i, n = 0;

	if (prec > p->prec)
		prec = p->prec;

	for (i = 0; i < made; i++) {
		o = &sk_people[i];
		if (i == self || o->region != p->region || o->male != p->male ||
		    o->family != p->family || o->given[0] != p->given[0] ||
		    o->ngiven != p->ngiven || (p->ngiven == 2 &&
		    o->given[1] != p->given[1]))
			continue;
		if (prec >= 1 && (o->prec < 1 || o->year != p->year))
			continue;
		if (prec >= 3 && (o->prec < 3 || o->month != p->month ||
		    o->day != p->day))
			continue;
		n++;
	}
	return n;
}

/* Print one query line: kind, expected, namesakes, what was typed,
 * query string. */
static void
sk_query_line(FILE *f, const char *kind, const char *expected,
    size_t namesakes, const char *family, const char *given,
    const char *date, const char *q)
{
	char	url[2048] = "";

	qparam(url, sizeof(url), "family_name", family);
	qparam(url, sizeof(url), "given_names", given);
	qparam(url, sizeof(url), "birth_date", date);
	qparam(url, sizeof(url), "q", q);
	fprintf(f, "%s\t%s\t%zu\t%s|%s|%s%s%s\t%s\n", kind, expected,
	    namesakes, family, given, date, q[0] ? "|q=" : "", q, url);
}

/* The query of kind k for known person p (index self of made). */
static void
sk_query_known(FILE *f, const struct sk_person *p, int k, size_t self,
    size_t made)
{
	struct sk_view	 v;
	struct sk_person q = *p;
	char		 exp[4096] = "", date[16], free_q[512] = "";
	size_t		 r = p->region, i, gk, nsk;
	uint32_t	 rec;
	int		 native = p->native;

	for (rec = p->first_rec; rec != 0; rec = sk_next_rec[rec])
		snprintf(exp + strlen(exp), sizeof(exp) - strlen(exp), "%s%u",
		    exp[0] ? "|" : "", rec);
	memset(&v, 0, sizeof(v));
	sk_date(date, sizeof(date), p->year, p->month, p->day, p->prec);
	switch (k) {
	case Q_SPELLING:
		/* another Latin spelling of each name that has one */
		if (!p->native) {
			if (q.family != SK_NOFAM)
				q.v_family = (uint8_t)((p->v_family + 1) %
				    sk_nspell(r, SK_FAMILY, p->family));
			for (i = 0; i < q.ngiven; i++) {
				gk = i == 0 ? (p->male ? SK_MALE : SK_FEMALE) :
				    (p->male || p->given[1] == p->father ?
				    SK_MALE : SK_FEMALE);
				q.v_given[i] = (uint8_t)((p->v_given[i] + 1) %
				    sk_nspell(r, (int)gk, p->given[i]));
			}
		}
		sk_names(&q, 0, 1, &v);
		break;
	case Q_SCRIPT:
		/* across scripts: its own script when its record is in
		 * Latin, Latin when it is native; for Somali and Latin
		 * regions the local orthography (or the usual spelling
		 * when the record has the local one) */
		if (r == R_SOMALI || r == R_LATIN) {
			q.v_family = p->v_family == 1 ? 0 : 1;
			q.v_given[0] = p->v_given[0] == 1 ? 0 : 1;
			q.v_given[1] = p->v_given[1] == 1 ? 0 : 1;
			native = 0;
		} else {
			native = !p->native;
			q.v_family = q.v_given[0] = q.v_given[1] = 0;
		}
		sk_names(&q, native, 1, &v);
		break;
	case Q_FREE:
		q.v_family = q.v_given[0] = q.v_given[1] = 0;
		sk_names(&q, 0, 1, &v);
		snprintf(free_q, sizeof(free_q), "%s %s%s%.4s", v.given,
		    v.family, date[0] ? " " : "", date);
		v.family[0] = v.given[0] = '\0';
		date[0] = '\0';
		break;
	default:
		sk_names(&q, native, 1, &v);
		break;
	}
	if (k == Q_PARTIAL)
		date[4] = '\0';
	if (k == Q_TYPO) {
		/* typed in Latin (sk_typo leaves native names alone) */
		if (native)
			sk_names(&q, 0, 1, &v);
		sk_typo(v.family[0] != '\0' ? v.family : v.given);
	}
	nsk = sk_namesakes(p, k == Q_PARTIAL || k == Q_FREE ? 1 : 3, self,
	    made);
	if (k == Q_SWAPPED)
		sk_query_line(f, qkind_names[k], exp, nsk, v.given, v.family,
		    date, free_q);
	else
		sk_query_line(f, qkind_names[k], exp, nsk, v.family, v.given,
		    date, free_q);
}

/* The query for an absent person p: as a registration desk types it
 * (made: the register's persons). */
static void
sk_query_absent(FILE *f, const struct sk_person *p, size_t made)
{
	struct sk_view	v;
	char		date[16];

	memset(&v, 0, sizeof(v));
	sk_names(p, p->native, 0, &v);
	sk_date(date, sizeof(date), p->year, p->month, p->day, p->prec);
	sk_query_line(f, "absent", "-", sk_namesakes(p, 3, made, made),
	    v.family, v.given, date, "");
}

/* Key counts for the profile: open addressing over 64-bit keys. */
struct kcount {
	uint64_t	*key;
	uint32_t	*n;
	size_t		 cap;
};

/* Add one to key's count; returns the new count (0 when full). */
static uint32_t
kcount_add(struct kcount *c, uint64_t key)
{
	size_t	i = (size_t)(mix64(key) & (c->cap - 1));

	key |= 1;		/* 0 marks a free slot */
	while (c->key[i] != 0 && c->key[i] != key)
		i = (i + 1) & (c->cap - 1);
	c->key[i] = key;
	return ++c->n[i];
}

/* The count of key. */
static uint32_t
kcount_get(const struct kcount *c, uint64_t key)
{
	size_t	i = (size_t)(mix64(key) & (c->cap - 1));

	key |= 1;
	while (c->key[i] != 0 && c->key[i] != key)
		i = (i + 1) & (c->cap - 1);
	return c->key[i] == key ? c->n[i] : 0;
}

/* qsort: larger counts first. */
static int
by_count_desc(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? 1 : x > y ? -1 : 0;
}

/*
 * Print the register's profile on stderr: per region and name kind,
 * the share of its persons the ten commonest names cover and how many
 * names occur; the persons sharing family and first given name with
 * another, and those sharing them and the birth year too.
 */
static void
sk_profile(size_t made, size_t records, size_t dups)
{
	static const char *const what[] = {"given (men)", "given (women)",
	    "family", "father"};
	uint32_t	*cnt;
	size_t		 r, w, i, maxn = 512, n, top, people;
	struct kcount	 kc = {0};
	size_t		 share_names = 0, share_year = 0;
	const struct sk_person *p;

	fprintf(stderr, "gen -S: %zu records: %zu persons, %zu true "
	    "duplicates (%.1f %%)\n", records, made, dups,
	    100.0 * (double)dups / (double)records);
	if ((cnt = calloc(maxn, sizeof(*cnt))) == NULL)
		return;
	for (r = 0; r < N(regions); r++)
		for (w = 0; w < 4; w++) {
			memset(cnt, 0, maxn * sizeof(*cnt));
			for (i = 0, people = 0; i < made; i++) {
				p = &sk_people[i];
				if (p->region != r || (w == 0 && !p->male) ||
				    (w == 1 && p->male))
					continue;
				n = w <= 1 ? p->given[0] : w == 2 ? p->family :
				    p->father;
				if (n == SK_NOFAM)
					continue;
				cnt[n % maxn]++;
				people++;
			}
			qsort(cnt, maxn, sizeof(*cnt), by_count_desc);
			for (i = 0, top = 0; i < 10; i++)
				top += cnt[i];
			for (n = 0; n < maxn && cnt[n] > 0; n++)
				;
			fprintf(stderr, "  %-8s %-13s: top 10 names %4.1f %% of "
			    "%zu persons, %zu names\n", regions[r].name,
			    what[w], people ? 100.0 * (double)top /
			    (double)people : 0.0, people, n);
		}
	free(cnt);
	for (kc.cap = 1; kc.cap < 4 * made + 16; kc.cap <<= 1)
		;
	if ((kc.key = calloc(kc.cap, sizeof(*kc.key))) == NULL ||
	    (kc.n = calloc(kc.cap, sizeof(*kc.n))) == NULL)
		goto out;
#define NAMEKEY(p) (((uint64_t)(p)->region << 56) ^ ((uint64_t)(p)->family \
	<< 40) ^ ((uint64_t)(p)->given[0] << 24) ^ ((uint64_t)(p)->male << 20))
	for (i = 0; i < made; i++) {
		kcount_add(&kc, NAMEKEY(&sk_people[i]));
		kcount_add(&kc, NAMEKEY(&sk_people[i]) ^ ((uint64_t)1 << 62) ^
		    (uint64_t)(uint16_t)sk_people[i].year);
	}
	for (i = 0; i < made; i++) {
		share_names += kcount_get(&kc, NAMEKEY(&sk_people[i])) > 1;
		share_year += kcount_get(&kc, NAMEKEY(&sk_people[i]) ^
		    ((uint64_t)1 << 62) ^
		    (uint64_t)(uint16_t)sk_people[i].year) > 1;
	}
#undef NAMEKEY
	fprintf(stderr, "  namesakes: %.1f %% of persons share family and "
	    "first given name with another, %.1f %% also the birth year\n",
	    100.0 * (double)share_names / (double)made,
	    100.0 * (double)share_year / (double)made);
out:
	free(kc.key);
	free(kc.n);
}

/*
 * The skewed register: count records on stdout, the truth to truth
 * (NULL: none), the queries to queries (NULL: none) for nknown known
 * and nabsent absent persons. Returns the exit status.
 */
static int
sk_main(unsigned long count, const char *source, FILE *truth,
    FILE *queries, size_t nknown, size_t nabsent)
{
	size_t		 made = 0, dups = 0, i, k;
	unsigned long	 id;
	struct sk_person *p, absent;
	uint8_t		*asked = NULL;
	int		 status = 1;

	if (count > UINT32_MAX - 1 || sk_pools_init() == -1 ||
	    (sk_people = calloc(count, sizeof(*sk_people))) == NULL ||
	    (sk_next_rec = calloc(count + 1, sizeof(*sk_next_rec))) == NULL) {
		fprintf(stderr, "gen: out of memory\n");
		goto out;
	}
	puts("source,source_id,family_name,given_names,sex,birth_date,"
	    "birth_place,nationality,father_name,mother_name,document_type,"
	    "document_number,phone");
	for (id = 1; id <= count; id++) {
		if (made > 0 && pick(100) < SK_DUP_PCT) {
			p = &sk_people[pick(made)];
			sk_emit_dup(source, id, p);
			sk_next_rec[p->last_rec] = (uint32_t)id;
			p->last_rec = (uint32_t)id;
			p->nrec++;
			dups++;
		} else {
			p = &sk_people[made];
			sk_person_new(p, made);
			made++;
			p->first_rec = p->last_rec = (uint32_t)id;
			p->nrec = 1;
			sk_emit_first(source, id, p);
		}
		if (truth != NULL)
			fprintf(truth, "%lu,%zu\n", id, (size_t)(p - sk_people) +
			    1);
	}
	sk_profile(made, count, dups);
	if (queries != NULL) {
		stream = &qstate;
		if ((asked = calloc(made, 1)) == NULL)
			goto out;
		for (i = 0, k = 0; k < nknown && i < 50 * nknown; i++) {
			size_t	j = pick(made);

			if (asked[j])
				continue;
			asked[j] = 1;
			sk_query_known(queries, &sk_people[j],
			    (int)(k % Q__KINDS), j, made);
			k++;
		}
		for (k = 0; k < nabsent; k++) {
			sk_person_new(&absent, 0);
			sk_query_absent(queries, &absent, made);
		}
		stream = &state;
	}
	status = 0;
out:
	free(asked);
	free(sk_people);
	free(sk_next_rec);
	for (i = 0; i < N(regions); i++)
		for (k = 0; k < SK__POOLS; k++)
			free(sk_pools[i][k].cum);
	return status;
}

int
main(int argc, char *argv[])
{
	struct person	*ring;
	unsigned long	 count, i, nring = 4096, made = 0;
	const char	*source, *qfile = NULL;
	FILE		*truth = NULL, *queries = NULL;
	int		 c, skewed = 0, status;
	size_t		 nknown = 210, nabsent = 200;

	while ((c = getopt(argc, argv, "Sq:k:a:")) != -1)
		switch (c) {
		case 'S':
			skewed = 1;
			break;
		case 'q':
			qfile = optarg;
			break;
		case 'k':
			nknown = strtoul(optarg, NULL, 10);
			break;
		case 'a':
			nabsent = strtoul(optarg, NULL, 10);
			break;
		default:
			goto usage;
		}
	argc -= optind - 1;
	argv += optind - 1;
	source = argc > 3 ? argv[3] : "bench";
	if (argc < 2 || (count = strtoul(argv[1], NULL, 10)) == 0 ||
	    (qfile != NULL && !skewed))
		goto usage;
	state = argc > 2 ? strtoull(argv[2], NULL, 10) : 20261122;
	if (state == 0)
		state = 1;
	qstate = mix64(state ^ 0x51a7e5ULL) | 1;
	if (argc > 4 && (truth = fopen(argv[4], "w")) == NULL) {
		perror(argv[4]);
		return 1;
	}
	if (skewed) {
		if (qfile != NULL && (queries = fopen(qfile, "w")) == NULL) {
			perror(qfile);
			if (truth != NULL)
				fclose(truth);
			return 1;
		}
		status = sk_main(count, source, truth, queries, nknown,
		    nabsent);
		if (queries != NULL && fclose(queries) != 0) {
			perror(qfile);
			status = 1;
		}
		if (truth != NULL && fclose(truth) != 0) {
			perror(argv[4]);
			status = 1;
		}
		return status;
	}
	if ((ring = calloc(nring, sizeof(*ring))) == NULL)
		return 1;
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
usage:
	fprintf(stderr, "usage: gen [-S [-q QUERIES] [-k KNOWN] [-a ABSENT]] "
	    "COUNT [SEED] [SOURCE] [TRUTH]\n");
	return 2;
}
