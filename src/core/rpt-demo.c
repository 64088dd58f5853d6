/* rpt-demo.c — customers of a small tea, coffee and deli shop
 *
 * Names and addresses in Chinese (simplified and traditional), Spanish and
 * English; two years of purchases with seasons (December, the Spring
 * Festival, summer) and customers who lapse; calls, visits and complaints.
 * The same seed and end date always give the same database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-demo"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "rpt-customer-private.h"
#include "rpt-demo.h"
#include "rpt-error.h"
#include "rpt-fields.h"
#include "rpt-questionnaire-store.h"
#include "rpt-search.h"
#include "rpt-timeline-entry-private.h"

#define BATCH 5000
#define DAYS_OF_HISTORY 730

typedef struct
{
  const char *language;
  const char *const *given;
  const char *const *family;
  gboolean two_surnames;
} NamePool;

static const char *const zh_family[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
  "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许",
  "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "欧阳", "司马", NULL };
static const char *const zh_given[] = { "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军",
  "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "华", "玉兰", "萍",
  "红", "建华", "志强", "晓明", "婷", "雪", "鹏", "宇", "浩", "欣怡", "子涵", "梓轩", "思远", NULL };
static const char *const tw_family[] = { "陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊",
  "許", "鄭", "謝", "郭", "洪", "邱", "曾", "廖", "賴", "徐", "周", "葉", "蘇", "莊", "呂", "江",
  "何", "蕭", "羅", "高", NULL };
static const char *const tw_given[] = { "志明", "淑芬", "家豪", "怡君", "俊傑", "雅婷", "冠宇",
  "宗翰", "美玲", "建宏", "詩涵", "承恩", "佳穎", "信宏", "淑惠", "雅雯", "子軒", "品妍", NULL };
static const char *const es_given[] = { "María", "José", "Antonio", "Carmen", "Juan", "Ana",
  "Francisco", "Laura", "Manuel", "Lucía", "David", "Marta", "Javier", "Elena", "Carlos", "Isabel",
  "Miguel", "Sofía", "Pablo", "Paula", "Alejandro", "Cristina", "Sergio", "Raquel", "Jorge",
  "Beatriz", "Íñigo", "Nuria", NULL };
static const char *const es_family[] = { "García", "Fernández", "González", "Rodríguez", "López",
  "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz",
  "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez",
  "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano", "Blanco", "Molina", "Castillo", "Ortega", NULL };
static const char *const en_given[] = { "James", "Mary", "John", "Patricia", "Robert", "Jennifer",
  "Michael", "Linda", "William", "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph",
  "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Emily", "Oliver", "Amelia", "Harry", "Olivia",
  "George", "Isla", "Jack", "Ava", "Noah", NULL };
static const char *const en_family[] = { "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller",
  "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson",
  "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Allen", "Young", "King", "Wright",
  "Scott", "Green", "Baker", "Adams", "Nelson", "O'Brien", NULL };

static const NamePool pools[] = {
  { "zh_CN", zh_given, zh_family, FALSE },
  { "zh_TW", tw_given, tw_family, FALSE },
  { "es", es_given, es_family, TRUE },
  { "en", en_given, en_family, FALSE },
};

typedef struct
{
  const char *country;
  const char *region;
  const char *locality;
  const char *postal;
  const char *const *streets;
} Place;

static const char *const cn_bj[] = { "朝阳区建国路88号", "海淀区中关村大街27号", "东城区王府井大街138号", NULL };
static const char *const cn_sh[] = { "浦东新区世纪大道100号", "黄浦区南京东路299号", "徐汇区衡山路12号", NULL };
static const char *const cn_gz[] = { "天河区天河路385号", "越秀区北京路168号", NULL };
static const char *const cn_hz[] = { "西湖区文三路90号", "上城区延安路258号", NULL };
static const char *const tw_tp[] = { "大安區忠孝東路四段123號", "信義區松仁路58號", "中山區南京東路二段77號", NULL };
static const char *const tw_tc[] = { "西屯區台灣大道三段99號", "北區三民路三段161號", NULL };
static const char *const es_md[] = { "Calle de Alcalá, 45, 3.º B", "Calle Mayor, 12", "Paseo de la Castellana, 200", NULL };
static const char *const es_bc[] = { "Carrer de Mallorca, 210", "Passeig de Gràcia, 43", NULL };
static const char *const es_sv[] = { "Calle Sierpes, 8", "Avenida de la Constitución, 21", NULL };
static const char *const mx_cd[] = { "Av. Insurgentes Sur 1602, Col. Crédito Constructor", "Calle Madero 32, Centro", NULL };
static const char *const us_ny[] = { "350 Fifth Avenue, Apt 4B", "12 Orchard Street", NULL };
static const char *const us_pdx[] = { "1120 NW Couch Street", "845 SE Hawthorne Blvd", NULL };
static const char *const gb_ldn[] = { "221B Baker Street", "10 Wellington Road", NULL };

static const Place zh_places[] = {
  { "CN", "北京市", "", "100020", cn_bj }, { "CN", "上海市", "", "200120", cn_sh },
  { "CN", "广东省", "广州市", "510620", cn_gz }, { "CN", "浙江省", "杭州市", "310012", cn_hz },
};
static const Place tw_places[] = {
  { "TW", "", "台北市", "106", tw_tp }, { "TW", "", "台中市", "407", tw_tc },
};
static const Place es_places[] = {
  { "ES", "Madrid", "Madrid", "28014", es_md }, { "ES", "Barcelona", "Barcelona", "08036", es_bc },
  { "ES", "Sevilla", "Sevilla", "41004", es_sv }, { "MX", "CDMX", "Ciudad de México", "03940", mx_cd },
};
static const Place en_places[] = {
  { "US", "NY", "New York", "10118", us_ny }, { "US", "OR", "Portland", "97209", us_pdx },
  { "GB", "", "London", "NW1 6XE", gb_ldn },
};

static const char *const org_names[] = { "山海贸易有限公司", "云间茶舍", "台北精品設計有限公司",
  "Panadería La Espiga S.L.", "Hotel Miramar", "Blue Harbor Consulting LLC", "Green Leaf Café",
  "Restaurante El Olivo", "Oficina Técnica Norte", "Golden Dragon Catering", "北京明德学校",
  "Clínica Dental Sonrisa", NULL };
static const char *const industries[] = { "retail", "hospitality", "manufacturing", "consulting",
  "health", "education", "construction", "technology", NULL };
static const char *const staff[] = { "Ana", "李娜", "Tom", "陳怡君", NULL };
static const char *const tags[] = { "tea", "coffee", "wine", "cheese", "gift boxes", "catering",
  "loyalty card", "tasting evenings", "organic", "茶叶", "vino", NULL };

typedef struct
{
  const char *item;
  const char *category;
  int         min_cents;
  int         max_cents;
} Product;

static const Product products[] = {
  { "Longjing green tea 250 g", "tea", 1800, 6500 },
  { "Oolong tea 100 g", "tea", 1200, 4800 },
  { "Coffee beans 1 kg", "coffee", 1900, 4200 },
  { "Espresso cups, set of 4", "tableware", 2400, 3900 },
  { "Gift box", "gifts", 3500, 15000 },
  { "Mooncake selection", "gifts", 2800, 8800 },
  { "Olive oil 1 l", "deli", 900, 2400 },
  { "Manchego cheese", "deli", 1100, 3200 },
  { "Rioja reserva", "wine", 1500, 4500 },
  { "Tasting evening ticket", "events", 2500, 2500 },
};

static const char *const interaction_text[][4] = {
  /* en, es, zh_CN, zh_TW */
  { "Asked about the new tea selection", "Preguntó por la nueva selección de tés",
    "询问新到的茶叶", "詢問新到的茶葉" },
  { "Follow-up on the gift box order", "Seguimiento del pedido de cestas",
    "跟进礼盒订单", "跟進禮盒訂單" },
  { "Invited to the tasting evening", "Invitado a la cata", "邀请参加品鉴会", "邀請參加品鑑會" },
  { "Wants a quote for office coffee", "Quiere presupuesto de café para la oficina",
    "需要办公室咖啡报价", "需要辦公室咖啡報價" },
  { "Birthday greeting sent", "Felicitación de cumpleaños enviada", "已发送生日祝福",
    "已寄出生日祝福" },
};

static const char *const complaint_text[][4] = {
  { "Damaged packaging on delivery", "Embalaje dañado en la entrega", "收货时包装破损",
    "收貨時包裝破損" },
  { "Delivery arrived late", "La entrega llegó tarde", "配送延迟", "配送延遲" },
  { "Wrong item in the order", "Artículo equivocado en el pedido", "订单商品错误", "訂單商品錯誤" },
};

static const char *const resolution_text[] = { "Replaced free of charge", "Refunded",
  "Apologised and sent a voucher", NULL };

typedef struct
{
  GRand            *rand;
  RptCustomerStore *store;
  time_t            end;          /* the last second of history */
  guint             n_orgs;
  gint64            org_ids[64];
  gint64            first_id;
  gint64            last_id;
} Generator;

static guint
count_of (const char *const *list)
{
  guint n = 0;
  while (list[n] != NULL)
    n++;
  return n;
}

static const char *
pick (Generator         *g,
      const char *const *list)
{
  return list[g_rand_int_range (g->rand, 0, count_of (list))];
}

static int
language_index (const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (pools); i++)
    if (g_str_equal (pools[i].language, language))
      return i;
  return 0;
}

static void
format_time (time_t  t,
             char   *buf,
             gsize   size)
{
  struct tm tm;

  gmtime_r (&t, &tm);
  strftime (buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* December, the Spring Festival and summer sell more. */
static time_t
seasonal_moment (Generator *g,
                 int        from_days_ago,
                 int        to_days_ago)
{
  static const double weight[12] = { 1.4, 1.5, 0.8, 0.8, 0.9, 1.0, 1.2, 1.2, 0.9, 1.0, 1.1, 1.9 };

  for (;;)
    {
      int days = g_rand_int_range (g->rand, to_days_ago, MAX (from_days_ago, to_days_ago + 1));
      time_t t = g->end - (time_t) days * 86400 - g_rand_int_range (g->rand, 0, 9 * 3600);
      struct tm tm;

      gmtime_r (&t, &tm);
      if (g_rand_double (g->rand) * 1.9 < weight[tm.tm_mon])
        return t;
    }
}

static void
fill_person (Generator   *g,
             RptCustomer *c,
             int          lang)
{
  const NamePool *pool = &pools[lang];

  c->given_name = g_strdup (pick (g, pool->given));
  if (pool->two_surnames)
    c->family_name = g_strdup_printf ("%s %s", pick (g, pool->family), pick (g, pool->family));
  else
    c->family_name = g_strdup (pick (g, pool->family));
}

static void
fill_place (Generator   *g,
            RptCustomer *c,
            int          lang)
{
  const Place *places;
  guint n;
  const Place *p;

  switch (lang)
    {
    case 0: places = zh_places; n = G_N_ELEMENTS (zh_places); break;
    case 1: places = tw_places; n = G_N_ELEMENTS (tw_places); break;
    case 2: places = es_places; n = G_N_ELEMENTS (es_places); break;
    default: places = en_places; n = G_N_ELEMENTS (en_places); break;
    }
  p = &places[g_rand_int_range (g->rand, 0, n)];
  c->country = g_strdup (p->country);
  c->region = g_strdup (p->region);
  c->locality = g_strdup (p->locality);
  c->postal_code = g_strdup (p->postal);
  c->street = g_strdup (pick (g, p->streets));
}

static char *
make_phone (Generator  *g,
            const char *country)
{
  int a = g_rand_int_range (g->rand, 100, 999), b = g_rand_int_range (g->rand, 1000, 9999);

  if (g_str_equal (country, "CN"))
    return g_strdup_printf ("13%d %04d %04d", g_rand_int_range (g->rand, 0, 9) * 10 + 8, a * 10, b);
  if (g_str_equal (country, "TW"))
    return g_strdup_printf ("09%02d-%03d-%03d", g_rand_int_range (g->rand, 10, 99), a, b % 1000);
  if (g_str_equal (country, "ES"))
    return g_strdup_printf ("+34 6%02d %03d %03d", a % 100, b % 1000, a);
  if (g_str_equal (country, "MX"))
    return g_strdup_printf ("+52 55 %04d %04d", b, a * 10);
  if (g_str_equal (country, "GB"))
    return g_strdup_printf ("020 7946 %04d", b);
  return g_strdup_printf ("(555) %03d-%04d", a, b);
}

static char *
make_email (Generator   *g,
            RptCustomer *c,
            guint        serial)
{
  g_autofree char *folded = rpt_search_fold (c->kind == RPT_CUSTOMER_ORGANISATION ? c->org_name
                                                                                 : c->given_name);
  GString *local = g_string_new (NULL);

  for (const char *p = folded; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (local, *p);
  if (local->len == 0)
    g_string_append (local, "kehu");
  g_string_append_printf (local, "%u", serial);
  /* One address in two hundred is mistyped, as in any real card file. */
  if (g_rand_int_range (g->rand, 0, 200) == 0)
    g_string_append (local, "@@example");
  else
    g_string_append (local, "@example.com");
  return g_string_free (local, FALSE);
}

static RptCustomer *
make_customer (Generator *g,
               guint      serial)
{
  static const int lang_weights[] = { 30, 15, 25, 30 };
  RptCustomer *c = g_object_new (RPT_TYPE_CUSTOMER, NULL);
  int roll = g_rand_int_range (g->rand, 0, 100), lang = 0;
  char when[32];

  while (roll >= lang_weights[lang])
    roll -= lang_weights[lang++];
  c->language = g_strdup (pools[lang].language);
  c->kind = g_rand_int_range (g->rand, 0, 100) < 8 ? RPT_CUSTOMER_ORGANISATION : RPT_CUSTOMER_PERSON;
  if (c->kind == RPT_CUSTOMER_ORGANISATION)
    {
      c->org_name = g_strdup (pick (g, org_names));
      c->industry = g_strdup (pick (g, industries));
      c->size_band = g_rand_int_range (g->rand, RPT_SIZE_SOLO, RPT_N_SIZES);
    }
  else
    {
      fill_person (g, c, lang);
      if (g->n_orgs > 0 && g_rand_int_range (g->rand, 0, 100) < 6)
        c->organisation_id = g->org_ids[g_rand_int_range (g->rand, 0, g->n_orgs)];
      if (g_rand_int_range (g->rand, 0, 100) < 30)
        c->industry = g_strdup (pick (g, industries));
    }
  fill_place (g, c, lang);
  {
    g_autofree char *phone = make_phone (g, c->country);
    g_ptr_array_add (c->contact_points, rpt_contact_point_new (RPT_CONTACT_PHONE, _("Mobile"), phone));
  }
  if (g_rand_int_range (g->rand, 0, 100) < 85)
    {
      g_autofree char *email = make_email (g, c, serial);
      g_ptr_array_add (c->contact_points, rpt_contact_point_new (RPT_CONTACT_EMAIL, _("Home"), email));
    }
  c->channel = g_rand_int_range (g->rand, 0, RPT_CHANNEL_NONE);
  c->frequency_days = (int[]) { 0, 14, 30, 60, 90 }[g_rand_int_range (g->rand, 0, 5)];
  c->consent = g_rand_int_range (g->rand, 0, 100) < 70;
  c->do_not_contact = g_rand_int_range (g->rand, 0, 100) < 3;
  c->owner = g_strdup (pick (g, staff));
  roll = g_rand_int_range (g->rand, 0, 100);
  c->stage = roll < 40 ? RPT_STAGE_CONTACT : roll < 70 ? RPT_STAGE_RELATIONSHIP
           : roll < 90 ? RPT_STAGE_INTIMACY : RPT_STAGE_TRUST;
  if (g->last_id >= g->first_id && g_rand_int_range (g->rand, 0, 100) < 10)
    c->referred_by = g_rand_int_range (g->rand, g->first_id, g->last_id + 1);
  for (int n = g_rand_int_range (g->rand, 0, 4); n > 0; n--)
    {
      format_time (g->end - (time_t) g_rand_int_range (g->rand, 0, 365) * 86400, when, sizeof when);
      when[10] = '\0';
      g_ptr_array_add (c->tags, rpt_tag_note_new (pick (g, tags), when));
    }
  format_time (g->end - (time_t) (DAYS_OF_HISTORY + 30) * 86400, when, sizeof when);
  c->created = g_strdup (when);
  _rpt_customer_update_display_name (c);
  return c;
}

typedef struct
{
  int    kind;
  time_t when;
  int    text;
  gint64 amount;
  int    product;
  gboolean resolved;
} PlannedEntry;

static int
compare_planned (gconstpointer a,
                 gconstpointer b)
{
  const PlannedEntry *pa = a, *pb = b;
  return (pa->when > pb->when) - (pa->when < pb->when);
}

/* A customer's history: spend is heavy-tailed, a fifth of the customers
 * lapse months before the end, and a few complain. */
static GArray *
plan_history (Generator *g,
              double     purchases_per_customer)
{
  GArray *plan = g_array_new (FALSE, TRUE, sizeof (PlannedEntry));
  double u = g_rand_double (g->rand);
  int n_purchases = (int) (purchases_per_customer * (0.1 + 2.7 * u * u) + g_rand_double (g->rand));
  int stop_days_ago = g_rand_int_range (g->rand, 0, 100) < 20 ? g_rand_int_range (g->rand, 180, 540) : 0;
  int n_interactions = (n_purchases + g_rand_int_range (g->rand, 0, 4)) / 4;
  int n_complaints = g_rand_double (g->rand) < purchases_per_customer / 50.0 ? 1 : 0;

  for (int i = 0; i < n_purchases + n_interactions + n_complaints; i++)
    {
      PlannedEntry e = { 0 };

      if (i < n_purchases)
        {
          const Product *p;
          e.kind = RPT_ENTRY_PURCHASE;
          e.product = g_rand_int_range (g->rand, 0, G_N_ELEMENTS (products));
          p = &products[e.product];
          e.amount = g_rand_int_range (g->rand, p->min_cents, p->max_cents + 1);
          if (g_rand_int_range (g->rand, 0, 100) == 0)
            e.amount = -e.amount; /* a refund */
        }
      else if (i < n_purchases + n_interactions)
        {
          e.kind = (int[]) { RPT_ENTRY_CALL, RPT_ENTRY_VISIT, RPT_ENTRY_EMAIL, RPT_ENTRY_NOTE,
                             RPT_ENTRY_LETTER }[g_rand_int_range (g->rand, 0, 5)];
          e.text = g_rand_int_range (g->rand, 0, G_N_ELEMENTS (interaction_text));
        }
      else
        {
          e.kind = RPT_ENTRY_COMPLAINT;
          e.text = g_rand_int_range (g->rand, 0, G_N_ELEMENTS (complaint_text));
          e.resolved = g_rand_int_range (g->rand, 0, 100) < 70;
        }
      e.when = seasonal_moment (g, DAYS_OF_HISTORY, stop_days_ago);
      g_array_append_val (plan, e);
    }
  g_array_sort (plan, compare_planned);
  return plan;
}

static gboolean
write_history (Generator         *g,
               RptCustomer       *c,
               GArray            *plan,
               RptTimelineEntry  *e,
               GError           **error)
{
  int lang = language_index (c->language);
  int text_col = lang == 2 ? 1 : lang == 0 ? 2 : lang == 1 ? 3 : 0;

  for (guint i = 0; i < plan->len; i++)
    {
      const PlannedEntry *p = &g_array_index (plan, PlannedEntry, i);
      char when[32];

      format_time (p->when, when, sizeof when);
      e->id = 0;
      e->customer_id = c->id;
      e->kind = p->kind;
      rpt_set_str (&e->occurred, when);
      e->amount = p->amount;
      rpt_set_str (&e->owner, c->owner);
      rpt_set_str (&e->tracking, NULL);
      rpt_set_str (&e->due, NULL);
      e->status = RPT_COMPLAINT_OPEN;
      rpt_set_str (&e->resolution, "");
      rpt_set_str (&e->item, p->kind == RPT_ENTRY_PURCHASE ? products[p->product].item : "");
      rpt_set_str (&e->category, p->kind == RPT_ENTRY_PURCHASE ? products[p->product].category : "");
      if (p->kind == RPT_ENTRY_PURCHASE)
        rpt_set_str (&e->summary, products[p->product].item);
      else if (p->kind == RPT_ENTRY_COMPLAINT)
        {
          rpt_set_str (&e->summary, complaint_text[p->text][text_col]);
          if (p->resolved)
            {
              e->status = RPT_COMPLAINT_RESOLVED;
              rpt_set_str (&e->resolution, resolution_text[p->text % 3]);
            }
        }
      else
        rpt_set_str (&e->summary, interaction_text[p->text][text_col]);
      if (!rpt_customer_store_bulk_add_entry (g->store, e, error))
        return FALSE;
    }
  return TRUE;
}

static void
summarise (RptCustomer *c,
           GArray      *plan)
{
  char when[32];

  c->spend = 0;
  for (guint i = 0; i < plan->len; i++)
    if (g_array_index (plan, PlannedEntry, i).kind == RPT_ENTRY_PURCHASE)
      c->spend += g_array_index (plan, PlannedEntry, i).amount;
  if (plan->len > 0)
    {
      format_time (g_array_index (plan, PlannedEntry, plan->len - 1).when, when, sizeof when);
      rpt_set_str (&c->last_contact, when);
    }
}

static gboolean
generate_one (Generator         *g,
              guint              serial,
              double             per_customer,
              RptTimelineEntry  *entry,
              GError           **error)
{
  g_autoptr(RptCustomer) c = make_customer (g, serial);
  g_autoptr(GArray) plan = plan_history (g, per_customer);

  summarise (c, plan);
  if (!rpt_customer_store_bulk_add_customer (g->store, c, error)
      || !write_history (g, c, plan, entry, error))
    return FALSE;
  if (g->first_id == 0)
    g->first_id = c->id;
  g->last_id = c->id;
  if (c->kind == RPT_CUSTOMER_ORGANISATION && g->n_orgs < G_N_ELEMENTS (g->org_ids))
    g->org_ids[g->n_orgs++] = c->id;
  return TRUE;
}

static gboolean
write_profile (RptCustomerStore  *store,
               GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (store);

  return rpt_database_set_setting (db, "is_demo", "1", error)
         && rpt_database_set_setting (db, "business_name", "Hojas & Granos · 叶与豆", error)
         && rpt_database_set_setting (db, "business_address",
                                      "Calle de Fuencarral, 101\n28004 Madrid", error)
         && rpt_database_set_setting (db, "business_country", "ES", error);
}

static time_t
end_of_history (const char  *today,
                GError     **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) day = NULL;
  int y, m, d;

  if (today == NULL)
    {
      now = g_date_time_new_now_utc ();
      return (time_t) g_date_time_to_unix (now);
    }
  if (sscanf (today, "%4d-%2d-%2d", &y, &m, &d) != 3
      || (day = g_date_time_new_utc (y, m, d, 18, 0, 0)) == NULL)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                   _("“%s” is not a date; write it as YYYY-MM-DD."), today);
      return 0;
    }
  return (time_t) g_date_time_to_unix (day);
}

/* One answer to QUESTION from a respondent whose business is about
 * LEVEL (0 … 4) along: near it, never exactly it. */
static char *
demo_answer (GRand       *rand,
             RptQuestion *question,
             int          level)
{
  int spread = g_rand_int_range (rand, -1, 2);

  switch (question->kind)
    {
    case RPT_QUESTION_SCALE:
      return g_strdup_printf ("%d", CLAMP (level + 1 + spread, 1, 5));
    case RPT_QUESTION_SINGLE:
      {
        guint n = question->options->len;
        guint pick_index = CLAMP ((int) (n - 1) * (level + spread) / 4, 0, (int) n - 1);

        return g_strdup (((RptOption *) question->options->pdata[pick_index])->key);
      }
    case RPT_QUESTION_YES_NO:
      return g_strdup (level + spread >= 2 ? "yes" : "no");
    case RPT_QUESTION_NUMBER:
      return g_strdup_printf ("%g", question->min + (question->max - question->min) * CLAMP (level + spread, 0, 4) / 4);
    default:
      return NULL;
    }
}

/* Responses to the scored built-in questionnaires from about one card in
 * three (at most 400 each), across the cards' industries and sizes. */
static gboolean
add_demo_responses (RptCustomerStore  *store,
                    guint32            seed,
                    guint              customers,
                    GError           **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x5eed);
  guint n = MIN (customers / 3, 400);

  if (!rpt_customer_store_ensure_questionnaires (store, error)
      || (list = rpt_customer_store_list_questionnaires (store, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < list->len && n > 0; i++)
    {
      RptQuestionnaire *q = list->pdata[i];
      g_autofree RptResponseData *responses = NULL;
      g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
      g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
      GPtrArray *sections = rpt_questionnaire_get_sections (q);
      gboolean ok;

      if (!rpt_questionnaire_is_scored (q))
        continue;
      responses = g_new0 (RptResponseData, n);
      for (guint r = 0; r < n; r++)
        {
          gint64 id = 1 + g_rand_int_range (rand, 0, customers);
          RptCustomer *card = rpt_customer_store_load_summary (store, id, NULL);
          const char *industry;
          int level;
          GHashTable *answers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

          if (card == NULL)
            card = rpt_customer_new (RPT_CUSTOMER_PERSON);
          g_ptr_array_add (cards, card);
          /* most respondents answer for a business of a few common kinds: peer groups fill up */
          industry = card->industry && *card->industry ? card->industry : industries[r % 4];
          /* industries differ, bigger businesses a little ahead */
          level = CLAMP ((int) (g_str_hash (industry) % 3) + (card->size_band >= RPT_SIZE_SMALL), 0, 4);
          for (guint s = 0; s < sections->len; s++)
            {
              GPtrArray *questions = ((RptSection *) sections->pdata[s])->questions;

              for (guint k = 0; k < questions->len; k++)
                {
                  RptQuestion *question = questions->pdata[k];
                  char *value = demo_answer (rand, question, level);

                  if (value != NULL)
                    g_hash_table_insert (answers, question->key, value);
                }
            }
          g_ptr_array_add (keep, answers);
          responses[r] = (RptResponseData) { card->id, industry,
                                             card->size_band ? card->size_band
                                                             : r % 2 ? RPT_SIZE_MICRO : RPT_SIZE_SMALL,
                                             card->language, answers };
        }
      ok = rpt_customer_store_add_responses (store, q, responses, n, error);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

gboolean
rpt_demo_generate (RptCustomerStore      *store,
                   const RptDemoOptions  *options,
                   GError               **error)
{
  Generator g = { 0 };
  g_autoptr(RptTimelineEntry) entry = rpt_timeline_entry_new (RPT_ENTRY_NOTE);
  double per_customer;
  gboolean ok;

  g_return_val_if_fail (RPT_IS_CUSTOMER_STORE (store), FALSE);

  g.end = end_of_history (options->today, error);
  if (g.end == 0 || !write_profile (store, error))
    return FALSE;
  per_customer = options->customers == 0 ? 0
               : options->purchases > 0 ? (double) options->purchases / options->customers : 6.0;

  if (!rpt_customer_store_bulk_begin (store, error))
    return FALSE;
  ok = rpt_customer_store_max_id (store) > 0 || rpt_customer_store_bulk_defer_indexes (store, error);
  g.rand = g_rand_new_with_seed (options->seed);
  g.store = store;
  for (guint i = 0; ok && i < options->customers; i++)
    {
      ok = generate_one (&g, i + 1, per_customer, entry, error);
      if (ok && (i + 1) % BATCH == 0)
        {
          ok = !g_cancellable_set_error_if_cancelled (options->cancellable, error);
          if (options->progress != NULL)
            options->progress (i + 1, options->customers, options->user_data);
        }
    }
  g_rand_free (g.rand);
  if (!ok)
    {
      rpt_customer_store_bulk_abort (store);
      return FALSE;
    }
  if (!rpt_customer_store_bulk_commit (store, error)
      || !add_demo_responses (store, options->seed, options->customers, error))
    return FALSE;
  if (options->progress != NULL)
    options->progress (options->customers, options->customers, options->user_data);
  return TRUE;
}

static gboolean
target_is_empty (const char  *path,
                 GError     **error)
{
  g_autoptr(RptDatabase) db = NULL;
  g_autoptr(RptCustomerStore) store = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  db = rpt_database_open (path, RPT_DATABASE_NO_BACKUP, error);
  if (db == NULL)
    return FALSE;
  store = rpt_customer_store_new (db);
  if (rpt_customer_store_max_id (store) > 0)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                   _("%s already holds customers; the demo goes into a new file."), path);
      return FALSE;
    }
  return TRUE;
}

/* A new file is written beside PATH without a journal and renamed into
 * place only when complete: an interrupted demo leaves nothing behind. */
gboolean
rpt_demo_create_file (const char            *path,
                      const RptDemoOptions  *options,
                      GError               **error)
{
  g_autofree char *part = g_strconcat (path, ".demo-part", NULL);
  gboolean ok;

  g_autofree char *dir = g_path_get_dirname (path);

  if (!target_is_empty (path, error))
    return FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, RPT_ERROR, RPT_ERROR_FAILED, _("The folder “%s” cannot be created: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }
  g_unlink (part);
  {
    g_autoptr(RptDatabase) db = rpt_database_open (part, RPT_DATABASE_CREATE | RPT_DATABASE_NO_BACKUP
                                                         | RPT_DATABASE_BULK_LOAD, error);
    g_autoptr(RptCustomerStore) store = NULL;

    if (db == NULL)
      return FALSE;
    store = rpt_customer_store_new (db);
    ok = rpt_demo_generate (store, options, error) && rpt_database_finish_bulk_load (db, error);
  }
  if (ok)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_unlink (wal);
      g_unlink (shm);
      if (g_rename (part, path) != 0)
        {
          int saved = errno;
          g_set_error (error, RPT_ERROR, RPT_ERROR_FAILED, _("“%s” cannot be written: %s"), path,
                       g_strerror (saved));
          ok = FALSE;
        }
    }
  if (!ok)
    {
      g_autofree char *part_wal = g_strconcat (part, "-wal", NULL);
      g_unlink (part);
      g_unlink (part_wal);
    }
  return ok;
}
