/* gen.c -- a deterministic synthetic corpus for benchmarking tally.
 *
 *     bench/gen SEED N > corpus.jsonl
 *
 * Writes N reports as JSON Lines {"id","date","text"}: a lead sentence with
 * an event (air strike, IED, clash, abduction, protest, arrest), a place
 * that exists in GeoNames cities500, a relative or absolute date, a toll with
 * a qualifier and a source; then follow-up claims, quotes and background
 * paragraphs until the report is 1 to 10 KB long.  Every sentence is a
 * template written for this file.  The same SEED and N give the same bytes
 * on every machine (own PRNG: splitmix64).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t rng(void) /* splitmix64 */
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static unsigned pick(unsigned n) { return (unsigned)(rng() % n); }
#define PICK(a) ((a)[pick(sizeof(a) / sizeof(a)[0])])

typedef struct {
    const char *country, *town, *region, *force, *group;
} place;

static const place places[] = {
    {"Mali", "Gao", "the Gao region", "the Malian army", "the Islamic State Sahel Province"},
    {"Mali", "Menaka", "the Menaka region", "Malian soldiers", "JNIM"},
    {"Mali", "Mopti", "central Mali", "the Malian army", "JNIM"},
    {"Nigeria", "Maiduguri", "Borno State", "Nigerian troops", "Boko Haram"},
    {"Nigeria", "Zamfara", "Zamfara State", "the Nigerian army", "armed bandits"},
    {"Nigeria", "Kaduna", "Kaduna State", "police officers", "gunmen"},
    {"Sudan", "El Fasher", "North Darfur", "the Sudanese Armed Forces", "the Rapid Support Forces"},
    {"Sudan", "Omdurman", "Khartoum State", "the Sudanese army", "the Rapid Support Forces"},
    {"Somalia", "Mogadishu", "the Banadir region", "Somali security forces", "al-Shabaab"},
    {"Somalia", "Kismayo", "Lower Juba", "Jubaland forces", "al-Shabaab"},
    {"Afghanistan", "Kandahar", "Kandahar province", "Taliban security forces", "the Islamic State Khorasan Province"},
    {"Afghanistan", "Jalalabad", "Nangarhar province", "Taliban forces", "Islamic State militants"},
    {"DR Congo", "Goma", "North Kivu", "the Congolese army", "the M23 rebels"},
    {"DR Congo", "Bunia", "Ituri province", "FARDC soldiers", "CODECO militiamen"},
    {"DR Congo", "Beni", "North Kivu", "the Congolese army", "the Allied Democratic Forces"},
    {"Burkina Faso", "Djibo", "the Sahel region", "the Burkinabe army", "JNIM"},
    {"Burkina Faso", "Ouahigouya", "the North region", "Volunteers for the Defence of the Homeland", "jihadist fighters"},
    {"Yemen", "Taiz", "Taiz governorate", "government forces", "the Houthis"},
    {"Yemen", "Marib", "Marib governorate", "pro-government fighters", "Houthi rebels"},
    {"Myanmar", "Lashio", "northern Shan State", "the Myanmar military", "the Myanmar National Democratic Alliance Army"},
    {"Myanmar", "Myitkyina", "Kachin State", "junta troops", "the Kachin Independence Army"},
    {"Haiti", "Port-au-Prince", "the West department", "Haitian police", "the Viv Ansanm gang coalition"},
    {"Cameroon", "Bamenda", "the North-West region", "Cameroonian soldiers", "separatist fighters"},
    {"Niger", "Tillaberi", "the Tillaberi region", "Nigerien soldiers", "Islamic State fighters"},
    {"Mozambique", "Pemba", "Cabo Delgado", "Mozambican troops", "Islamic State-linked insurgents"},
    {"Ethiopia", "Gondar", "the Amhara region", "federal forces", "Fano militiamen"},
    {"Syria", "Idlib", "Idlib province", "government forces", "rebel fighters"},
    {"Pakistan", "Quetta", "Balochistan", "Pakistani security forces", "the Balochistan Liberation Army"},
};

static const char *const weekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
static const char *const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                     "July",    "August",   "September", "October", "November", "December"};
static const char *const numwords[] = {"two",   "three",  "four",     "five",     "six",      "seven",
                                       "eight", "nine",   "ten",      "eleven",   "twelve",   "fifteen",
                                       "twenty", "thirty", "two dozen", "dozens of"};
static const char *const qualifiers[] = {"at least ", "at least ", "more than ", "some ", "about ", "up to ", "", ""};
static const char *const sources[] = {
    "local sources said",
    "according to a local official",
    "a hospital source told reporters",
    "residents said",
    "the army said in a statement",
    "a security source said on condition of anonymity",
    "according to a humanitarian organisation working in the area",
    "a local councillor said by telephone",
    "witnesses told AFP",
    "the regional governor said",
    "a medical worker at the district hospital said",
    "according to a community leader",
};
static const char *const victims[] = {"civilians", "people", "villagers", "soldiers", "women and children",
                                      "worshippers", "farmers", "traders", "displaced people", "students"};
static const char *const leads[] = {
    /* air/drone strikes */
    "$Q$N $V were killed when a drone strike hit a market in $T $D, $S.",
    "An air strike on a village near $T killed $Q$N $V $D, $S.",
    "Military aircraft bombed a wedding gathering outside $T $D, killing $Q$N $V, $S.",
    /* IEDs */
    "$Q$N soldiers were killed when their vehicle struck an improvised explosive device near $T $D, $S.",
    "A roadside bomb exploded on the road between $T and a nearby village $D, killing $Q$N $V, $S.",
    "A suicide bomber blew himself up at a checkpoint in $T $D, killing $Q$N $V, $S.",
    /* clashes */
    "Fighting between $F and $G near $T left $Q$N people dead $D, $S.",
    "$G attacked a military base in $T $D, and $Q$N soldiers were killed in the clashes that followed, $S.",
    "Heavy clashes broke out between $F and $G on the outskirts of $T $D, $S.",
    /* abductions */
    "Gunmen abducted $Q$N $V from a village outside $T $D, $S.",
    "$G kidnapped $Q$N $V travelling on the road to $T $D, $S.",
    /* protests */
    "Hundreds of people protested in $T $D against rising fuel prices, $S.",
    "Police fired tear gas to disperse protesters in $T $D, injuring $Q$N people, $S.",
    "Demonstrators blocked the main road into $T $D to denounce the killing of a local chief, $S.",
    /* arrests */
    "$F arrested $Q$N people suspected of links to $G in $T $D, $S.",
    "Security forces detained $Q$N journalists covering a rally in $T $D, $S.",
};
static const char *const followups[] = {
    "$G later claimed responsibility, saying its fighters had killed $N soldiers.",
    "A local official put the toll at $N dead and $N wounded.",
    "The army said $N assailants were neutralised during the operation and that several weapons were recovered.",
    "A second source, a nurse at the main hospital in $T, said $Q$N wounded had been admitted since the morning.",
    "The United Nations said $Q$N people had fled their homes in $R since the start of the week.",
    "$F said in a statement that the situation in $T was under control.",
    "Residents said the bodies of $N victims were buried on Monday afternoon.",
    "According to a humanitarian source, $Q$N of the dead were children.",
    "The toll could not be independently verified because access to $R is restricted.",
    "A spokesman for $G denied any involvement and blamed $F for the violence.",
    "The regional authorities declared three days of mourning and imposed a curfew on $T.",
    "Another $N people were injured, $Q$N of them seriously, the local health director said.",
};
static const char *const quotes[] = {
    "\"We heard explosions all night and nobody dared to leave the house,\" said a resident of $T who asked not to be named.",
    "\"They came on motorbikes, dozens of them, and started shooting at everyone in the market,\" a survivor told reporters by telephone.",
    "\"The hospital is overwhelmed and we are running out of blood,\" a doctor in $T said.",
    "\"Our soldiers responded vigorously and the enemy suffered heavy losses,\" an army spokesman said.",
    "\"We buried my two brothers this morning. We do not know who will protect us now,\" said a farmer from a village near $T.",
    "\"This attack is a cowardly act that will not go unpunished,\" the governor of $R said in a radio address.",
    "\"People are leaving with whatever they can carry,\" said an aid worker based in $T.",
    "\"The road has been cut for a week and prices in the market have doubled,\" a trader said.",
};
static const char *const background[] = {
    "$C has been struggling for years to contain armed groups that control large parts of the countryside, "
    "and violence in $R has displaced hundreds of thousands of people.",
    "$G has stepped up its attacks in $R in recent months, targeting army positions, convoys and villages it "
    "accuses of collaborating with the authorities.",
    "The authorities in $C have restricted access to $R for journalists and aid workers, making it difficult to "
    "confirm reports of fighting and casualties.",
    "Human rights organisations have repeatedly accused both $F and $G of abuses against civilians, including "
    "summary executions and the burning of homes.",
    "Talks between the government and community leaders in $T broke down last year, and local self-defence groups "
    "have since multiplied across $R.",
    "The main road linking $T to the rest of the country has been the scene of frequent ambushes, and convoys now "
    "travel only under military escort.",
    "Aid agencies say more than a million people in $R need food assistance, and that the lean season has made "
    "the situation worse.",
    "Markets in $T reopened last month after a long closure, but traders say business has not recovered and many "
    "families have left for the capital.",
    "Analysts say the fighting in $R is driven as much by disputes over land and water as by ideology, and that "
    "local grievances are easily exploited by armed groups.",
    "The government of $C announced a new security plan for $R earlier this year, promising more troops and "
    "better equipment for the units deployed there.",
};

typedef struct {
    char *p;
    size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        while (b->n + n + 1 > b->cap)
            b->cap = b->cap ? b->cap * 2 : 16384;
        b->p = realloc(b->p, b->cap);
        if (!b->p) {
            perror("gen");
            exit(2);
        }
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}
static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

static void number(buf *b)
{
    char tmp[16];
    if (pick(3) == 0)
        puts_(b, PICK(numwords));
    else {
        snprintf(tmp, sizeof tmp, "%u", 2 + pick(pick(4) ? 30 : 200));
        puts_(b, tmp);
    }
}

/* Expands a template.  $T town, $C country, $R region, $F forces, $G group,
 * $N number, $Q qualifier, $V victims, $D day phrase, $S source. */
static void expand(buf *b, const char *tpl, const place *pl, const char *day)
{
    int cap = 1;   /* capitalise the next letter written (sentence start) */
    for (const char *s = tpl; *s; s++) {
        size_t at = b->n;
        if (*s != '$' || !s[1]) {
            put(b, s, 1);
        } else {
            switch (*++s) {
            case 'T': puts_(b, pl->town); break;
            case 'C': puts_(b, pl->country); break;
            case 'R': puts_(b, pl->region); break;
            case 'F': puts_(b, pl->force); break;
            case 'G': puts_(b, pl->group); break;
            case 'N': number(b); break;
            case 'Q': puts_(b, PICK(qualifiers)); break;
            case 'V': puts_(b, PICK(victims)); break;
            case 'D': puts_(b, day); break;
            case 'S': puts_(b, PICK(sources)); break;
            default: put(b, s - 1, 2);
            }
        }
        if (cap && b->n > at) {
            if (b->p[at] >= 'a' && b->p[at] <= 'z')
                b->p[at] = (char)(b->p[at] - 'a' + 'A');
            if (b->p[at] != '"')
                cap = 0;
        }
    }
}

static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

static void json_string(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fputc('\\', f), fputc(c, f);
        else if (c == '\n')
            fputs("\\n", f);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: gen SEED N > corpus.jsonl\n", stderr);
        return 2;
    }
    unsigned long long seed = strtoull(argv[1], NULL, 10);
    long n = strtol(argv[2], NULL, 10);
    rng_state = seed * 0x2545F4914F6CDD1DULL + 1;
    buf b = {0};
    long base = days_from_civil(2018, 1, 1);
    for (long k = 0; k < n; k++) {
        const place *pl = &PICK(places);
        long today = base + (long)pick(8 * 365);
        int y, m, d;
        civil_from_days(today, &y, &m, &d);
        /* The event: 0 to 6 days before the report, said as a weekday or a date. */
        unsigned back = pick(7);
        int ey, em, ed;
        civil_from_days(today - (long)back, &ey, &em, &ed);
        long wd = ((today - (long)back) % 7 + 11) % 7;   /* 1970-01-01 was a Thursday */
        char day[64];
        switch (back == 0 ? 3 : pick(4)) {
        case 0: snprintf(day, sizeof day, "on %s", weekdays[wd]); break;
        case 1: snprintf(day, sizeof day, "on %s night", weekdays[wd]); break;
        case 2: snprintf(day, sizeof day, "on %s %d", months[em - 1], ed); break;
        default: snprintf(day, sizeof day, "on %d %s", ed, months[em - 1]); break;
        }
        size_t target = 1000 + pick(9000);
        b.n = 0;
        expand(&b, PICK(leads), pl, day);
        puts_(&b, " ");
        expand(&b, PICK(followups), pl, day);
        puts_(&b, "\n\n");
        while (b.n < target) {
            unsigned kind = pick(10);
            if (kind < 3)
                expand(&b, PICK(followups), pl, day);
            else if (kind < 5)
                expand(&b, PICK(quotes), pl, day);
            else
                expand(&b, PICK(background), pl, day);
            if (pick(2)) {
                puts_(&b, " ");
                expand(&b, PICK(background), pl, day);
            }
            puts_(&b, "\n\n");
        }
        while (b.n && b.p[b.n - 1] == '\n')
            b.n--;
        printf("{\"id\":\"gen-%llu-%06ld\",\"date\":\"%04d-%02d-%02d\",\"text\":", seed, k, y, m, d);
        json_string(stdout, b.p, b.n);
        fputs("}\n", stdout);
    }
    free(b.p);
    return ferror(stdout) ? 1 : 0;
}
