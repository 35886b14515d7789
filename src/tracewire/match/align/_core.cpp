// The compiled name-alignment core of tracewire-v1.
//
// A line-for-line port of tracewire/match/align/reference.py (the reference: read it for
// what the algorithm does and why). This file only makes it fast: tokens and prepared names are
// read from their Python objects once and kept as C++ structs (keyed by object identity,
// holding a reference so an identity is never reused while cached), and the alignment
// runs without creating Python objects unless the caller asks for the explanation. The
// alignment's constants and tables come from tracewire/match/align/params.py through
// configure(); the tests check that both give bit-identical results on benchmark and
// generated names, and the arithmetic below keeps the reference's order of
// floating-point operations for that reason.
//
// Token pairs where either token is written without vowels (Token.abjad) are read as
// phonetic.abjad_fit reads them (below, from the regex Python writes) and cached.

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <type_traits>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

using ustr = std::u32string;

// ---------------------------------------------------------------- configuration

struct Config {
    bool ready = false;
    PyObject* skeleton_fn = nullptr;           // phonetic.skeleton (for non-ASCII text)
    PyObject* weights_type = nullptr;          // match.align.weights.Weights
    PyObject* abjad_reading = nullptr;         // phonetic.abjad_reading
    PyObject* abjad_fit_fn = nullptr;          // phonetic.abjad_fit (patterns we cannot read)
    double abjad_fit_two = 0.8, abjad_fit_three = 0.9, abjad_loose_cost = 0.1;
    std::vector<ustr> digraphs;                            // phonetic.DIGRAPHS
    std::unordered_map<ustr, std::vector<ustr>> frame_readings;  // phonetic.FRAME_READINGS
    size_t max_frames = 32;                                // phonetic.MAX_FRAMES
    double min_token_similarity = 0.6;
    double max_edit_share = 0.4;
    double omission_person = 0.7;
    double omission_other = 0.8;
    double lone_part_omission = 1.5;
    double conflict_cost = 2.0;
    long typo_edits = 2;
    double extra_edit_cost = 0.2;
    double imperfect_cost = 0.5;
    double person_conflict_factor = 0.85;
    double generic_swap_factor = 0.85;
    double acronym_similarity = 0.85;
    double role_swap_factor = 0.5;
    double syllabic_omission = 2.0;
    double syllable_variant_similarity = 0.8;
    double compound_similarity = 0.85;   // the bar of a non-exact compound
    double compound_length_share = 0.15; // lengths within this share to compare spellings
    struct Rewrite {
        std::string old_text, new_text;
        uint64_t needs;  // char_mask(old_text)
    };
    std::vector<Rewrite> rewrites;  // skeleton's rewrites
    std::string skeleton_vowels;
    std::vector<ustr> filiation;
    // kinds: index into these tables
    std::unordered_map<std::string, int> kind_index;
    std::vector<double> kind_factor;
    std::vector<char> kind_distinctive;
    int k_name = -1, k_patronymic = -1, k_number = -1, k_initial = -1, k_generic = -1,
        k_particle = -1;
};

Config cfg;

// how a pair aligned: an index into this table of interned strings
std::vector<PyObject*> how_names;
std::vector<char> how_phonetic;  // counts towards phonetic agreement
std::unordered_map<std::string, int> how_index;
int H_EXACT, H_NUMBER, H_INITIAL, H_VARIANT, H_SPELLING, H_STEM, H_PHONETIC, H_SYLLABLE,
    H_ROLE_SWAP, H_COMPOUND, H_ACRONYM;

int intern_how(const std::string& text) {
    auto found = how_index.find(text);
    if (found != how_index.end()) return found->second;
    PyObject* name = PyUnicode_InternFromString(text.c_str());
    if (name == nullptr) return -1;
    int index = static_cast<int>(how_names.size());
    how_names.push_back(name);
    how_phonetic.push_back(text == "exact" || text == "variant" || text == "phonetic" ||
                           text == "stem");
    how_index.emplace(text, index);
    return index;
}

// ---------------------------------------------------------------- text helpers

bool to_ustr(PyObject* text, ustr& out) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "expected a str");
        return false;
    }
    Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    out.resize(static_cast<size_t>(size));
    int kind = PyUnicode_KIND(text);
    const void* data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0; i < size; ++i) {
        out[static_cast<size_t>(i)] = static_cast<char32_t>(PyUnicode_READ(kind, data, i));
    }
    return true;
}

PyObject* from_ustr(const ustr& text) {
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, text.data(),
                                     static_cast<Py_ssize_t>(text.size()));
}

bool is_alpha(const ustr& text) {
    if (text.empty()) return false;
    for (char32_t c : text) {
        if (!Py_UNICODE_ISALPHA(static_cast<Py_UCS4>(c))) return false;
    }
    return true;
}

// a bit per character present (a-z, 0-9 their own bits; others share the rest): the
// characters one text has and another lacks bound their edit distance from below
template <typename Text>
uint64_t char_mask(const Text& text) {
    uint64_t mask = 0;
    for (auto raw : text) {
        auto c = static_cast<uint32_t>(static_cast<std::make_unsigned_t<decltype(raw)>>(raw));
        unsigned bit;
        if (c >= 'a' && c <= 'z') bit = c - 'a';
        else if (c >= '0' && c <= '9') bit = 26 + (c - '0');
        else bit = 36 + c % 28;
        mask |= uint64_t(1) << bit;
    }
    return mask;
}

size_t distance_floor(uint64_t a, uint64_t b) {
    int only_a = __builtin_popcountll(a & ~b), only_b = __builtin_popcountll(b & ~a);
    return static_cast<size_t>(std::max(only_a, only_b));
}

bool is_ascii(const ustr& text) {
    for (char32_t c : text) {
        if (c >= 128) return false;
    }
    return true;
}

// phonetic.skeleton for ASCII text; the Python function for the rest. false on error.
bool skeleton_of(const ustr& text, ustr& out) {
    if (!is_ascii(text)) {
        PyObject* arg = from_ustr(text);
        if (arg == nullptr) return false;
        PyObject* found = PyObject_CallOneArg(cfg.skeleton_fn, arg);
        Py_DECREF(arg);
        if (found == nullptr) return false;
        bool ok = to_ustr(found, out);
        Py_DECREF(found);
        return ok;
    }
    if (!is_alpha(text)) {
        out = text;
        return true;
    }
    static std::string work, replaced;
    work.assign(text.begin(), text.end());
    uint64_t present = char_mask(text);
    for (const auto& [old_text, new_text, needs] : cfg.rewrites) {
        if ((present & needs) != needs || work.find(old_text) == std::string::npos) continue;
        replaced.clear();
        size_t position = 0;
        while (true) {
            size_t hit = work.find(old_text, position);
            if (hit == std::string::npos) break;
            replaced.append(work, position, hit - position);
            replaced += new_text;
            position = hit + old_text.size();
        }
        replaced.append(work, position, std::string::npos);
        work.swap(replaced);
        present = char_mask(work);
    }
    out.clear();
    for (char c : work) {
        if (cfg.skeleton_vowels.find(c) != std::string::npos) continue;
        if (!out.empty() && out.back() == static_cast<char32_t>(c)) continue;
        out.push_back(static_cast<char32_t>(c));
    }
    return true;
}

// Levenshtein distance (insert, delete, substitute: 1 each)
size_t levenshtein(const ustr& a, const ustr& b) {
    static std::vector<size_t> row;
    row.resize(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t above = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// optimal string alignment distance (Levenshtein plus adjacent transpositions)
size_t osa(const ustr& a, const ustr& b) {
    size_t n = a.size(), m = b.size();
    static std::vector<size_t> d;
    d.resize((n + 1) * (m + 1));
    auto at = [m](size_t i, size_t j) { return i * (m + 1) + j; };
    for (size_t i = 0; i <= n; ++i) d[at(i, 0)] = i;
    for (size_t j = 0; j <= m; ++j) d[at(0, j)] = j;
    for (size_t i = 1; i <= n; ++i) {
        for (size_t j = 1; j <= m; ++j) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = std::min({d[at(i - 1, j)] + 1, d[at(i, j - 1)] + 1,
                                    d[at(i - 1, j - 1)] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                best = std::min(best, d[at(i - 2, j - 2)] + 1);
            }
            d[at(i, j)] = best;
        }
    }
    return d[at(n, m)];
}

// rapidfuzz's Levenshtein.normalized_similarity(a, b, score_cutoff=cutoff)
double normalized_similarity(const ustr& a, const ustr& b, double cutoff) {
    size_t longest = std::max(a.size(), b.size());
    if (longest == 0) return 1.0;
    double norm_dist = static_cast<double>(levenshtein(a, b)) / static_cast<double>(longest);
    double norm_sim = 1.0 - norm_dist;
    return norm_sim >= cutoff ? norm_sim : 0.0;
}

// ---------------------------------------------------------------- tokens and names

struct Tok {
    // what most token pairs are decided on, together: kind, characters, hashes
    int kind = 0;
    bool abjad = false;
    uint32_t id = 0;
    uint64_t chars = 0;  // char_mask(text)
    uint64_t text_hash = 0, skeleton_hash = 0, stem_hash = 0;
    uint64_t weight_generation = 0;  // `weight` is this token's under weights of this generation
    double weight = 0.0;
    std::vector<uint32_t> variant_ids;  // the variant keys, as sorted ids
    ustr text, skeleton, stem;
    PyObject* obj = nullptr;       // the Token (strong reference)
    PyObject* text_obj = nullptr;  // its text (strong reference)
    PyObject* variants = nullptr;  // frozenset (strong reference)
    PyObject* skeleton_obj = nullptr;  // its skeleton as str (strong reference)
    PyObject* frames = nullptr;  // an abjad token's reading frames, frozenset (strong ref.)
    bool same_text(const Tok* other) const {
        return text_hash == other->text_hash && text == other->text;
    }
    bool same_skeleton(const Tok* other) const {
        return skeleton_hash == other->skeleton_hash && skeleton == other->skeleton;
    }
    bool same_stem(const Tok* other) const {
        return stem_hash == other->stem_hash && stem == other->stem;
    }
};

// adjacent core tokens of a name written together ("hizb" + "allah"): what a compound
// search compares a single token of the other name with
struct Run {
    ustr text, skeleton;
    uint64_t chars = 0, hash = 0;
};

struct Name {
    PyObject* obj = nullptr;       // the PreparedName (strong reference)
    PyObject* original = nullptr;  // borrowed from obj (kept alive by it)
    std::vector<Tok*> core;
    uint64_t order_key = 0;  // the first two characters of the core texts, for ordering
    // runs[0][j]: core tokens j, j+1; runs[1][j]: j, j+1, j+2 (made on first use)
    std::vector<Run> runs[2];
    bool runs_ready = false;
    std::vector<int> roles;  // 0: none, 1: own name, 2: father's name
    long parts = 0;
    bool person = false, syllabic = false;
    uint32_t id = 0;
};

// An open-addressing map from an object's address to a pointer (linear probing, grown at
// half full): one probe, in one cache line, finds most registered tokens and names
template <typename Value>
class PtrMap {
  public:
    Value find(const void* key) const {
        if (slots_.empty()) return nullptr;
        for (size_t at = spread(key) & mask_;; at = (at + 1) & mask_) {
            if (slots_[at].key == key) return slots_[at].value;
            if (slots_[at].key == nullptr) return nullptr;
        }
    }
    void insert(const void* key, Value value) {
        if ((used_ + 1) * 2 > slots_.size()) grow();
        for (size_t at = spread(key) & mask_;; at = (at + 1) & mask_) {
            if (slots_[at].key == nullptr || slots_[at].key == key) {
                if (slots_[at].key == nullptr) ++used_;
                slots_[at] = {key, value};
                return;
            }
        }
    }
    template <typename F>
    void each(F f) const {
        for (const Slot& slot : slots_) {
            if (slot.key != nullptr) f(slot.value);
        }
    }
    void clear() {
        slots_.clear();
        used_ = 0;
        mask_ = 0;
    }
    size_t size() const { return used_; }

  private:
    struct Slot {
        const void* key = nullptr;
        Value value = nullptr;
    };
    static size_t spread(const void* key) {
        uint64_t x = reinterpret_cast<uintptr_t>(key);
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdULL;
        x ^= x >> 33;
        return static_cast<size_t>(x);
    }
    void grow() {
        std::vector<Slot> old;
        old.swap(slots_);
        slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot());
        mask_ = slots_.size() - 1;
        used_ = 0;
        for (const Slot& slot : old) {
            if (slot.key != nullptr) insert(slot.key, slot.value);
        }
    }
    std::vector<Slot> slots_;
    size_t used_ = 0, mask_ = 0;
};

PtrMap<Tok*> tokens;
PyObject* variant_keys = nullptr;  // dict: variant key (str) -> id (int)
PtrMap<Name*> names;
uint32_t next_token_id = 0;
uint32_t next_name_id = 0;

// A fixed-size, direct-mapped cache (a slot per key hash; a newer key takes the slot):
// bounded memory, no rehashing, and a lookup is one probe. Keys are two registry ids
// plus one each, so 0 marks an empty slot.
template <typename Value>
class DirectCache {
  public:
    explicit DirectCache(unsigned bits) : bits_(bits) {}
    ~DirectCache() { std::free(slots_); }
    const Value* find(uint64_t key) const {
        if (slots_ == nullptr) return nullptr;
        const Slot& slot = slots_[index(key)];
        return slot.key == key ? &slot.value : nullptr;
    }
    void put(uint64_t key, const Value& value) {
        if (slots_ == nullptr) {
            // calloc: zeroed pages cost no memory until a slot is written
            slots_ = static_cast<Slot*>(std::calloc(size_t(1) << bits_, sizeof(Slot)));
            if (slots_ == nullptr) return;  // no cache, only slower
        }
        Slot& slot = slots_[index(key)];
        slot.key = key;
        slot.value = value;
    }
    void clear() {
        std::free(slots_);
        slots_ = nullptr;
    }
    static uint64_t pair(uint32_t a, uint32_t b) {
        return ((static_cast<uint64_t>(a) + 1) << 32) | (static_cast<uint64_t>(b) + 1);
    }

  private:
    struct Slot {
        uint64_t key;
        Value value;
    };
    size_t index(uint64_t key) const {
        return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> (64 - bits_));
    }
    unsigned bits_;
    Slot* slots_ = nullptr;
};

struct Sim {
    double sim;
    int how;
};
// token pair -> similarity (the same whatever the weights)
DirectCache<Sim> similarities(18);

// name pair -> the numbers scoring reads, for the weights they were computed with
struct Numbers {
    double score;
    double phonetic;
    bool generic;
};
// small: it serves the name pairs one query repeats (aliases many parties share); a
// larger table would be probed mostly in vain, from main memory
DirectCache<Numbers> name_pairs(12);
PyObject* pairs_weights = nullptr;  // strong reference: its identity keys name_pairs
Py_ssize_t pairs_weights_size = -1;
uint64_t weights_generation = 1;  // counts the weights objects in use, one after another

constexpr size_t MAX_TOKENS = 600000;
constexpr size_t MAX_NAMES = 400000;

void clear_abjad_readings();

void clear_caches() {
    clear_abjad_readings();
    similarities.clear();
    name_pairs.clear();
    Py_CLEAR(pairs_weights);
    pairs_weights_size = -1;
    ++weights_generation;
    names.each([](Name* name) {
        Py_DECREF(name->obj);
        delete name;
    });
    names.clear();
    tokens.each([](Tok* tok) {
        Py_DECREF(tok->obj);
        Py_DECREF(tok->text_obj);
        Py_DECREF(tok->variants);
        Py_DECREF(tok->skeleton_obj);
        Py_DECREF(tok->frames);
        delete tok;
    });
    tokens.clear();
    Py_CLEAR(variant_keys);
    next_token_id = 0;
    next_name_id = 0;
}

// attribute names, interned once (a lookup by C string makes a str every time)
PyObject* attr_name(const char* name) {
    static std::unordered_map<const char*, PyObject*> interned;  // keyed by the literal
    auto found = interned.find(name);
    if (found != interned.end()) return found->second;
    PyObject* text = PyUnicode_InternFromString(name);
    if (text != nullptr) interned.emplace(name, text);  // kept for the process
    return text;
}

PyObject* get_attr(PyObject* obj, const char* name) {
    PyObject* key = attr_name(name);
    return key == nullptr ? nullptr : PyObject_GetAttr(obj, key);
}

bool str_attr(PyObject* obj, const char* attr, ustr& out) {
    PyObject* value = get_attr(obj, attr);
    if (value == nullptr) return false;
    bool ok = to_ustr(value, out);
    Py_DECREF(value);
    return ok;
}

int kind_of(PyObject* kind_obj) {
    const char* kind = PyUnicode_AsUTF8(kind_obj);
    if (kind == nullptr) return -1;
    auto found = cfg.kind_index.find(kind);
    if (found == cfg.kind_index.end()) {
        PyErr_SetObject(PyExc_KeyError, kind_obj);  // as KIND_FACTORS[t.kind] would
        return -1;
    }
    return found->second;
}

Tok* get_token(PyObject* obj) {
    if (Tok* found = tokens.find(obj)) return found;
    auto tok = new Tok();
    tok->text_obj = get_attr(obj, "text");
    PyObject* kind = tok->text_obj ? get_attr(obj, "kind") : nullptr;
    tok->variants = kind ? get_attr(obj, "variants") : nullptr;
    PyObject* abjad = tok->variants ? get_attr(obj, "abjad") : nullptr;
    tok->skeleton_obj = abjad ? get_attr(obj, "skeleton") : nullptr;
    tok->frames = tok->skeleton_obj ? get_attr(obj, "frames") : nullptr;
    bool ok = tok->frames != nullptr && PyAnySet_Check(tok->frames) &&
              to_ustr(tok->text_obj, tok->text) && to_ustr(tok->skeleton_obj, tok->skeleton) &&
              str_attr(obj, "stem", tok->stem);
    if (ok) {
        tok->kind = kind_of(kind);
        ok = tok->kind >= 0;
    }
    if (ok) {
        int truth = PyObject_IsTrue(abjad);
        ok = truth >= 0;
        tok->abjad = truth == 1;
    }
    if (ok && !PyAnySet_Check(tok->variants)) {
        PyErr_SetString(PyExc_TypeError, "Token.variants must be a frozenset");
        ok = false;
    }
    if (ok && PySet_GET_SIZE(tok->variants) > 0) {
        if (variant_keys == nullptr) variant_keys = PyDict_New();
        PyObject* keys = variant_keys ? PyObject_GetIter(tok->variants) : nullptr;
        PyObject* key;
        while (ok && keys != nullptr && (key = PyIter_Next(keys)) != nullptr) {
            PyObject* known = PyDict_GetItemWithError(variant_keys, key);
            long id = known ? PyLong_AsLong(known) : static_cast<long>(PyDict_GET_SIZE(variant_keys));
            if (known == nullptr && !PyErr_Occurred()) {
                PyObject* number = PyLong_FromLong(id);
                ok = number != nullptr && PyDict_SetItem(variant_keys, key, number) == 0;
                Py_XDECREF(number);
            }
            ok = ok && !PyErr_Occurred();
            tok->variant_ids.push_back(static_cast<uint32_t>(id));
            Py_DECREF(key);
        }
        Py_XDECREF(keys);
        ok = ok && keys != nullptr && !PyErr_Occurred();
        std::sort(tok->variant_ids.begin(), tok->variant_ids.end());
    }
    Py_XDECREF(kind);
    Py_XDECREF(abjad);
    if (!ok || tok->text.empty()) {
        if (ok) PyErr_SetString(PyExc_ValueError, "a token has no text");
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "not a Token");
        Py_XDECREF(tok->text_obj);
        Py_XDECREF(tok->variants);
        Py_XDECREF(tok->skeleton_obj);
        Py_XDECREF(tok->frames);
        delete tok;
        return nullptr;
    }
    Py_INCREF(obj);
    tok->obj = obj;
    tok->chars = char_mask(tok->text);
    std::hash<ustr> hash;
    tok->text_hash = hash(tok->text);
    tok->skeleton_hash = hash(tok->skeleton);
    tok->stem_hash = hash(tok->stem);
    tok->id = next_token_id++;
    tokens.insert(obj, tok);
    return tok;
}

bool in_filiation(const ustr& text) {
    for (const auto& word : cfg.filiation) {
        if (word == text) return true;
    }
    return false;
}

// compare._roles
void compute_roles(Name* name) {
    size_t n = name->core.size();
    name->roles.assign(n, 0);
    for (size_t k = 0; k < n; ++k) {
        if (in_filiation(name->core[k]->text) && k > 0 && k + 1 < n) {
            if (name->roles[k + 1] == 0) name->roles[k + 1] = 2;
            if (name->roles[k - 1] == 0 && !in_filiation(name->core[k - 1]->text)) {
                name->roles[k - 1] = 1;
            }
        }
    }
}

bool bool_attr(PyObject* obj, const char* attr, bool& out) {
    PyObject* value = get_attr(obj, attr);
    if (value == nullptr) return false;
    int truth = PyObject_IsTrue(value);
    Py_DECREF(value);
    if (truth < 0) return false;
    out = truth == 1;
    return true;
}

Name* get_name(PyObject* obj) {
    if (Name* found = names.find(obj)) return found;
    auto name = new Name();
    PyObject* core = get_attr(obj, "core");
    PyObject* original = core ? get_attr(obj, "original") : nullptr;
    PyObject* parts = original ? get_attr(obj, "core_parts") : nullptr;
    bool ok = parts != nullptr && PyTuple_Check(core) &&
              bool_attr(obj, "person", name->person) &&
              bool_attr(obj, "syllabic", name->syllabic);
    if (ok) {
        name->parts = PyLong_AsLong(parts);
        ok = !(name->parts == -1 && PyErr_Occurred());
    }
    for (Py_ssize_t i = 0; ok && i < PyTuple_GET_SIZE(core); ++i) {
        Tok* tok = get_token(PyTuple_GET_ITEM(core, i));
        if (tok == nullptr) ok = false;
        else name->core.push_back(tok);
    }
    Py_XDECREF(core);
    Py_XDECREF(parts);
    // original is held by the PreparedName, which we hold
    Py_XDECREF(original);
    if (!ok) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "not a PreparedName");
        delete name;
        return nullptr;
    }
    Py_INCREF(obj);
    name->obj = obj;
    name->id = next_name_id++;

    name->original = original;
    compute_roles(name);
    if (!name->core.empty()) {
        const ustr& first = name->core[0]->text;
        uint64_t one = first.size() > 0 ? static_cast<uint64_t>(first[0]) + 1 : 0;
        uint64_t two = first.size() > 1 ? static_cast<uint64_t>(first[1]) + 1 : 0;
        name->order_key = (one << 32) | two;
    }
    names.insert(obj, name);
    return name;
}


// ---------------------------------------------------------------- abjad readings
//
// phonetic.abjad_fit: whether a Latin spelling reads the letters of a token written
// without short vowels. Python builds the regex of the readings (_abjad_pattern); this
// parses the subset of regex syntax it writes (literals, [classes], (?:groups),
// (capture groups), |, ? and {m,n}) and matches it by backtracking in the same priority
// order as Python's re, so the first full match, and whether a capture group (a loose
// reading) takes part in it, are the same. A pattern outside that subset is left to
// Python's abjad_fit.

struct Node {
    enum Kind { LIT, CLASS, SEQ, ALT, GROUP, REPEAT } kind = LIT;
    char32_t ch = 0;                  // LIT
    std::vector<char32_t> set;        // CLASS
    std::vector<Node> items;          // SEQ, ALT: the parts; GROUP, REPEAT: one child
    bool capture = false;             // GROUP
    int min = 0, max = 0;             // REPEAT
};

class Parser {
  public:
    explicit Parser(const ustr& text) : text_(text) {}
    bool parse(Node& out) {
        if (!alternation(out)) return false;
        return position_ == text_.size();
    }

  private:
    bool at_end() const { return position_ >= text_.size(); }
    char32_t peek() const { return text_[position_]; }
    bool alternation(Node& out) {
        Node first;
        if (!sequence(first)) return false;
        if (at_end() || peek() != U'|') {
            out = std::move(first);
            return true;
        }
        out.kind = Node::ALT;
        out.items.push_back(std::move(first));
        while (!at_end() && peek() == U'|') {
            ++position_;
            Node next;
            if (!sequence(next)) return false;
            out.items.push_back(std::move(next));
        }
        return true;
    }
    bool sequence(Node& out) {
        out.kind = Node::SEQ;
        while (!at_end() && peek() != U'|' && peek() != U')') {
            Node atom;
            if (!this->atom(atom) || !quantified(atom)) return false;
            out.items.push_back(std::move(atom));
        }
        return true;
    }
    bool atom(Node& out) {
        char32_t c = peek();
        if (c == U'(') {
            ++position_;
            out.kind = Node::GROUP;
            out.capture = true;
            if (text_.compare(position_, 2, U"?:") == 0) {
                out.capture = false;
                position_ += 2;
            } else if (!at_end() && peek() == U'?') {
                return false;  // another kind of group: not ours to read
            }
            Node inner;
            if (!alternation(inner) || at_end() || peek() != U')') return false;
            ++position_;
            out.items.push_back(std::move(inner));
            return true;
        }
        if (c == U'[') {
            ++position_;
            out.kind = Node::CLASS;
            if (!at_end() && peek() == U'^') return false;
            while (!at_end() && peek() != U']') {
                char32_t first = peek();
                if (first == U'\\' || first == U'[') return false;
                ++position_;
                if (position_ + 1 < text_.size() && peek() == U'-' && text_[position_ + 1] != U']') {
                    char32_t last = text_[position_ + 1];
                    position_ += 2;
                    for (char32_t x = first; x <= last; ++x) out.set.push_back(x);
                } else {
                    out.set.push_back(first);
                }
            }
            if (at_end()) return false;
            ++position_;
            return true;
        }
        if (c == U'\\' || c == U'.' || c == U'^' || c == U'$' || c == U'*' || c == U'+' ||
            c == U'?' || c == U'{' || c == U'}' || c == U']') {
            return false;  // syntax _abjad_pattern does not write
        }
        ++position_;
        out.kind = Node::LIT;
        out.ch = c;
        return true;
    }
    bool quantified(Node& atom) {
        if (at_end()) return true;
        int min = -1, max = -1;
        if (peek() == U'?') {
            ++position_;
            min = 0;
            max = 1;
        } else if (peek() == U'{') {
            size_t close = text_.find(U'}', position_);
            if (close == ustr::npos) return false;
            std::string inside(text_.begin() + static_cast<long>(position_) + 1,
                               text_.begin() + static_cast<long>(close));
            size_t comma = inside.find(',');
            try {
                min = std::stoi(inside.substr(0, comma));
                max = comma == std::string::npos ? min : std::stoi(inside.substr(comma + 1));
            } catch (...) {
                return false;
            }
            position_ = close + 1;
        } else {
            return true;
        }
        if (!at_end() && (peek() == U'?' || peek() == U'+')) return false;  // lazy, possessive
        Node repeat;
        repeat.kind = Node::REPEAT;
        repeat.min = min;
        repeat.max = max;
        repeat.items.push_back(std::move(atom));
        atom = std::move(repeat);
        return true;
    }
    const ustr& text_;
    size_t position_ = 0;
};

// the parsed pattern, flattened: 16 bytes a node, children stored together
struct Flat {
    uint8_t kind;      // Node::Kind
    uint8_t capture;   // GROUP
    uint8_t min, max;  // REPEAT
    uint32_t value;    // LIT: the character; CLASS: a bit per letter a-z
    uint32_t first;    // SEQ, ALT, GROUP, REPEAT: index of the first child
    uint32_t count;    // number of children
};

// false when the tree holds what the flat form cannot (a class beyond a-z, big counts)
bool flatten(const Node& node, std::vector<Flat>& out, size_t at) {
    Flat flat{static_cast<uint8_t>(node.kind), static_cast<uint8_t>(node.capture), 0, 0, 0, 0, 0};
    switch (node.kind) {
        case Node::LIT:
            flat.value = static_cast<uint32_t>(node.ch);
            break;
        case Node::CLASS:
            for (char32_t c : node.set) {
                if (c < U'a' || c > U'z') return false;
                flat.value |= uint32_t(1) << (c - U'a');
            }
            break;
        case Node::REPEAT:
            if (node.min < 0 || node.max < node.min || node.max > 255) return false;
            flat.min = static_cast<uint8_t>(node.min);
            flat.max = static_cast<uint8_t>(node.max);
            break;
        default:
            break;
    }
    flat.first = static_cast<uint32_t>(out.size());
    flat.count = static_cast<uint32_t>(node.items.size());
    out[at] = flat;
    // children stored together, then each child's own children after them
    out.resize(out.size() + node.items.size());
    for (size_t k = 0; k < node.items.size(); ++k) {
        if (!flatten(node.items[k], out, flat.first + k)) return false;
    }
    return true;
}

// a non-owning reference to a callable bool(size_t): the continuation of a match
class Next {
  public:
    template <typename F>
    Next(const F& f)  // NOLINT: implicit by design
        : object_(&f), call_([](const void* o, size_t p) { return (*static_cast<const F*>(o))(p); }) {}
    bool operator()(size_t position) const { return call_(object_, position); }

  private:
    const void* object_;
    bool (*call_)(const void*, size_t);
};

struct Matcher {
    const std::vector<Flat>& nodes;
    const ustr& text;
    int captured = 0;  // capture groups on the path being tried

    bool match(uint32_t index, size_t at, Next next) {
        const Flat& node = nodes[index];
        switch (node.kind) {
            case Node::LIT:
                return at < text.size() && text[at] == static_cast<char32_t>(node.value) &&
                       next(at + 1);
            case Node::CLASS: {
                if (at >= text.size()) return false;
                char32_t c = text[at];
                return c >= U'a' && c <= U'z' && (node.value >> (c - U'a') & 1u) && next(at + 1);
            }
            case Node::SEQ:
                return sequence(node, 0, at, next);
            case Node::ALT:
                for (uint32_t k = 0; k < node.count; ++k) {
                    if (match(node.first + k, at, next)) return true;
                }
                return false;
            case Node::GROUP:
                if (!node.capture) return match(node.first, at, next);
                return match(node.first, at, [&](size_t end) {
                    ++captured;
                    if (next(end)) return true;
                    --captured;
                    return false;
                });
            case Node::REPEAT:
                return repeat(node, 0, at, next);
        }
        return false;
    }
    bool sequence(const Flat& node, uint32_t index, size_t at, Next next) {
        if (index == node.count) return next(at);
        return match(node.first + index, at, [&](size_t end) {
            return sequence(node, index + 1, end, next);
        });
    }
    // greedy: as many as may be first, then one fewer, ...
    bool repeat(const Flat& node, int count, size_t at, Next next) {
        if (count < node.max) {
            bool more = match(node.first, at, [&](size_t end) {
                return end != at && repeat(node, count + 1, end, next);
            });
            if (more) return true;
        }
        return count >= node.min && next(at);
    }
};

// phonetic.abjad_units: digraphs as one letter, a letter written twice as one
void abjad_units(const ustr& text, std::vector<ustr>& units) {
    units.clear();
    size_t position = 0;
    while (position < text.size()) {
        ustr unit = text.substr(position, 2);
        bool digraph = unit.size() == 2 &&
                       std::find(cfg.digraphs.begin(), cfg.digraphs.end(), unit) != cfg.digraphs.end();
        if (digraph) {
            if (unit == U"ck") unit = U"k";
            position += 2;
        } else {
            unit = text.substr(position, 1);
            position += 1;
        }
        if (!units.empty() && units.back() == unit) continue;
        units.push_back(unit);
    }
}

// phonetic.abjad_frames; false on a Python error
bool abjad_frames(const ustr& text, std::vector<ustr>& frames) {
    static std::vector<ustr> units;
    abjad_units(text, units);
    size_t last = units.empty() ? 0 : units.size() - 1;
    std::vector<std::vector<ustr>> readings{{}};
    static const std::vector<ustr> final_h{U"h", U"", U"t"}, final_a{U"a", U"ah"};
    for (size_t k = 0; k < units.size(); ++k) {
        const ustr& unit = units[k];
        std::vector<ustr> single{unit};
        const std::vector<ustr>* options = &single;
        auto found = cfg.frame_readings.find(unit);
        if (found != cfg.frame_readings.end()) options = &found->second;
        if (unit == U"h" && k == last && k > 0) options = &final_h;
        else if (unit == U"a" && k == last) options = &final_a;
        std::vector<std::vector<ustr>> next;
        for (const auto& reading : readings) {
            for (const ustr& option : *options) {
                if (next.size() >= cfg.max_frames * 2) break;
                next.push_back(reading);
                next.back().push_back(option);
            }
            if (next.size() >= cfg.max_frames * 2) break;
        }
        readings.swap(next);
    }
    frames.clear();
    auto add = [&](const ustr& joined) -> bool {
        ustr frame;
        if (!skeleton_of(joined, frame)) return false;
        if (std::find(frames.begin(), frames.end(), frame) == frames.end()) {
            frames.push_back(frame);
        }
        return true;
    };
    if (!add(text)) return false;
    for (const auto& reading : readings) {
        for (const ustr& separator : {ustr(), ustr(U"a")}) {
            ustr joined;
            for (size_t k = 0; k < reading.size(); ++k) {
                if (k) joined += separator;
                joined += reading[k];
            }
            if (!add(joined)) return false;
        }
    }
    if (frames.size() > cfg.max_frames) frames.resize(cfg.max_frames);
    return true;
}

struct AbjadReading {
    long letters = 0;
    PyObject* frames = nullptr;  // frozenset (strong reference)
    std::vector<ustr> starts, tail;
    ustr lead;
    bool parsed = false;
    std::vector<Flat> pattern;  // [0]: the root
};

std::unordered_map<ustr, AbjadReading*> abjad_readings;
constexpr size_t MAX_ABJAD_READINGS = 50000;

void clear_abjad_readings() {
    for (auto& [key, reading] : abjad_readings) {
        Py_XDECREF(reading->frames);
        delete reading;
    }
    abjad_readings.clear();
}

bool text_tuple(PyObject* items, std::vector<ustr>& out) {
    if (!PyTuple_Check(items)) return false;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(items); ++k) {
        ustr value;
        if (!to_ustr(PyTuple_GET_ITEM(items, k), value)) return false;
        out.push_back(std::move(value));
    }
    return true;
}

AbjadReading* reading_of(PyObject* written_obj, const ustr& written) {
    auto found = abjad_readings.find(written);
    if (found != abjad_readings.end()) return found->second;
    if (abjad_readings.size() > MAX_ABJAD_READINGS) clear_abjad_readings();
    PyObject* parts = PyObject_CallOneArg(cfg.abjad_reading, written_obj);
    if (parts == nullptr) return nullptr;
    auto reading = new AbjadReading();
    ustr pattern;
    bool ok = PyTuple_Check(parts) && PyTuple_GET_SIZE(parts) == 6;
    if (ok) {
        reading->letters = PyLong_AsLong(PyTuple_GET_ITEM(parts, 0));
        reading->frames = PyTuple_GET_ITEM(parts, 1);
        Py_INCREF(reading->frames);
        ok = !PyErr_Occurred() && PyAnySet_Check(reading->frames) &&
             text_tuple(PyTuple_GET_ITEM(parts, 2), reading->starts) &&
             to_ustr(PyTuple_GET_ITEM(parts, 3), reading->lead) &&
             text_tuple(PyTuple_GET_ITEM(parts, 4), reading->tail) &&
             to_ustr(PyTuple_GET_ITEM(parts, 5), pattern);
    }
    Py_DECREF(parts);
    if (!ok) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "abjad_reading: bad parts");
        Py_XDECREF(reading->frames);
        delete reading;
        return nullptr;
    }
    Node tree;
    if (Parser(pattern).parse(tree)) {
        reading->pattern.resize(1);
        reading->parsed = flatten(tree, reading->pattern, 0);
        if (!reading->parsed) reading->pattern.clear();
        reading->pattern.shrink_to_fit();
    }
    abjad_readings.emplace(written, reading);
    return reading;
}

bool latin_vowel(char32_t c) {
    return c == U'a' || c == U'e' || c == U'i' || c == U'o' || c == U'u';
}

// phonetic._plain: French ou as u in the first vowels, a consonant written twice as once
void plain_of(const ustr& spelled, ustr& out) {
    out = spelled;
    size_t start = 0;
    while (start < out.size() && !latin_vowel(out[start])) ++start;
    if (start < out.size()) {
        size_t end = start;
        while (end < out.size() && latin_vowel(out[end])) ++end;
        ustr run = out.substr(start, end - start);
        if (run.find(U"ou") != ustr::npos) {
            ustr replaced;
            for (size_t k = 0; k < run.size();) {
                if (k + 1 < run.size() && run[k] == U'o' && run[k + 1] == U'u') {
                    replaced.push_back(U'u');
                    k += 2;
                } else {
                    replaced.push_back(run[k++]);
                }
            }
            out = out.substr(0, start) + replaced + out.substr(end);
        }
    }
    // ([b-df-hj-np-tv-z])\1+ -> \1
    ustr collapsed;
    for (char32_t c : out) {
        bool consonant = c >= U'b' && c <= U'z' && !latin_vowel(c);
        if (consonant && !collapsed.empty() && collapsed.back() == c) continue;
        collapsed.push_back(c);
    }
    out.swap(collapsed);
}

bool starts_with(const ustr& text, const ustr& prefix) {
    return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(const ustr& text, const ustr& suffix, size_t drop = 0) {
    if (text.size() < suffix.size() + drop) return false;
    return text.compare(text.size() - drop - suffix.size(), suffix.size(), suffix) == 0;
}

// phonetic._ends_agree
bool ends_agree(const AbjadReading* reading, const ustr& plain) {
    bool starts = false;
    if (!reading->starts.empty()) {
        for (const ustr& start : reading->starts) starts = starts || starts_with(plain, start);
    } else {
        starts = !plain.empty() && reading->lead.find(plain[0]) != ustr::npos;
    }
    if (!starts) return false;
    if (reading->tail.empty()) return true;
    for (const ustr& end : reading->tail) {
        if (ends_with(plain, end)) return true;
    }
    char32_t last = plain.back();
    if (!(last == U'a' || last == U'e' || last == U'o' || last == U'u')) return false;
    for (const ustr& end : reading->tail) {
        if (ends_with(plain, end, 1)) return true;
    }
    return false;
}

// phonetic.abjad_fit(written, spelled, frame); false on a Python error
bool abjad_fit(PyObject* written_obj, const ustr& written, PyObject* spelled_obj,
               const ustr& spelled, PyObject* frame, double& fit) {
    fit = 0.0;
    AbjadReading* reading = reading_of(written_obj, written);
    if (reading == nullptr) return false;
    if (reading->letters < 2) return true;
    int hit = PySet_Contains(reading->frames, frame);
    if (hit <= 0) return hit == 0;
    if (!reading->parsed) {  // a pattern we cannot read: Python's abjad_fit decides
        PyObject* found = PyObject_CallFunctionObjArgs(cfg.abjad_fit_fn, written_obj,
                                                       spelled_obj, frame, nullptr);
        if (found == nullptr) return false;
        fit = PyFloat_AsDouble(found);
        Py_DECREF(found);
        return !(fit == -1.0 && PyErr_Occurred());
    }
    static ustr plain;
    plain_of(spelled, plain);
    if (plain.empty() || !ends_agree(reading, plain)) return true;
    Matcher matcher{reading->pattern, plain};
    bool matched = matcher.match(0, 0, [&](size_t end) { return end == plain.size(); });
    if (!matched) return true;
    fit = reading->letters >= 3 ? cfg.abjad_fit_three : cfg.abjad_fit_two;
    if (matcher.captured > 0) fit -= cfg.abjad_loose_cost;  // an alef read as another vowel
    return true;
}

// ---------------------------------------------------------------- token similarity

bool variants_meet(const Tok* a, const Tok* b) {
    // sorted ids: walk both lists once
    auto x = a->variant_ids.begin(), x_end = a->variant_ids.end();
    auto y = b->variant_ids.begin(), y_end = b->variant_ids.end();
    while (x != x_end && y != y_end) {
        if (*x == *y) return true;
        if (*x < *y) ++x;
        else ++y;
    }
    return false;
}

// compare._token_similarity for two tokens neither of which is abjad
Sim plain_similarity(const Tok* a, const Tok* b) {
    if (a->same_text(b)) return {1.0, H_EXACT};
    if (a->kind == cfg.k_number || b->kind == cfg.k_number) return {0.0, H_NUMBER};
    if (a->kind == cfg.k_initial || b->kind == cfg.k_initial) {
        return a->text[0] == b->text[0] ? Sim{0.8, H_INITIAL} : Sim{0.0, H_INITIAL};
    }
    if (variants_meet(a, b)) return {0.92, H_VARIANT};
    size_t la = a->text.size(), lb = b->text.size();
    size_t longest = std::max(la, lb);
    size_t gap = la > lb ? la - lb : lb - la;
    bool same_skeleton = a->same_skeleton(b);
    bool same_stem = a->same_stem(b);
    // _spelling: OSA distance, capped as rapidfuzz caps it at its score_cutoff
    long cutoff = static_cast<long>(cfg.max_edit_share * static_cast<double>(longest)) + 1;
    // beyond the cutoff the distance counts as cutoff + 1 (as rapidfuzz gives it): when the
    // characters one side lacks already pass it, the exact distance is not needed
    long floor = static_cast<long>(distance_floor(a->chars, b->chars));
    if (!same_skeleton && !same_stem &&
        (static_cast<double>(gap) > cfg.max_edit_share * static_cast<double>(longest) ||
         floor > cutoff)) {
        // too far apart in length, or in letters: the similarity is below the floor and
        // nothing (stem, frame) raises it
        return {0.0, H_SPELLING};
    }
    long edits = floor > cutoff ? cutoff + 1 : static_cast<long>(osa(a->text, b->text));
    if (edits > cutoff) edits = cutoff + 1;
    double sim = 1.0 - static_cast<double>(edits) / static_cast<double>(longest);
    if (edits > cfg.typo_edits) {
        sim -= cfg.extra_edit_cost * static_cast<double>(edits - cfg.typo_edits);
    }
    int how = H_SPELLING;
    if (same_stem && sim < 0.95) {
        sim = 0.95;
        how = H_STEM;
    }
    if (same_skeleton && a->skeleton.size() >= 3) {
        bool long_frame = a->skeleton.size() >= 4 || std::min(la, lb) >= 7;
        double phonetic = long_frame ? 0.85 : 0.75;
        if (sim < phonetic) {
            sim = phonetic;
            how = H_PHONETIC;
        }
    }
    if (sim < cfg.min_token_similarity) return {0.0, how};
    return {sim, how};
}

// the edit similarity of two tokens (compare._spelling); -1 when it is surely below the
// token floor (then its exact value changes nothing)
double spelling(const Tok* a, const Tok* b, size_t longest) {
    long cutoff = static_cast<long>(cfg.max_edit_share * static_cast<double>(longest)) + 1;
    long floor = static_cast<long>(distance_floor(a->chars, b->chars));
    long edits = floor > cutoff ? cutoff + 1 : static_cast<long>(osa(a->text, b->text));
    if (edits > cutoff) edits = cutoff + 1;
    double sim = 1.0 - static_cast<double>(edits) / static_cast<double>(longest);
    if (edits > cfg.typo_edits) {
        sim -= cfg.extra_edit_cost * static_cast<double>(edits - cfg.typo_edits);
    }
    return sim;
}

// compare._abjad_similarity; false on a Python error
bool abjad_similarity(const Tok* a, const Tok* b, Sim& out) {
    double fit = 0.0;
    if (PySet_GET_SIZE(a->frames) > 0) {
        int hit = PySet_Contains(a->frames, b->skeleton_obj);
        if (hit < 0) return false;
        if (hit && !abjad_fit(a->text_obj, a->text, b->text_obj, b->text, b->skeleton_obj, fit)) {
            return false;
        }
    }
    if (PySet_GET_SIZE(b->frames) > 0) {
        int hit = PySet_Contains(b->frames, a->skeleton_obj);
        if (hit < 0) return false;
        double other = 0.0;
        if (hit && !abjad_fit(b->text_obj, b->text, a->text_obj, a->text, a->skeleton_obj, other)) {
            return false;
        }
        if (other > fit) fit = other;  // max(fit, other)
    }
    size_t la = a->text.size(), lb = b->text.size();
    size_t longest = std::max(la, lb);
    size_t gap = la > lb ? la - lb : lb - la;
    bool same_stem = a->same_stem(b);
    if (fit == 0.0 && !same_stem &&
        static_cast<double>(gap) > cfg.max_edit_share * static_cast<double>(longest)) {
        out = {0.0, H_SPELLING};
        return true;
    }
    double sim = spelling(a, b, longest);
    int how = H_SPELLING;
    if (same_stem && sim < 0.95) {
        sim = 0.95;
        how = H_STEM;
    }
    if (fit > sim) {
        sim = fit;
        how = H_PHONETIC;
    }
    out = sim < cfg.min_token_similarity ? Sim{0.0, how} : Sim{sim, how};
    return true;
}

// compare.token_similarity; false on a Python error. Plain pairs are computed (that is
// cheaper than a probe of a large cache); pairs scored in Python are cached.
bool token_similarity(const Tok* a, const Tok* b, Sim& out) {
    if (a->same_text(b)) {
        out = {1.0, H_EXACT};
        return true;
    }
    if (!a->abjad && !b->abjad) {
        out = plain_similarity(a, b);
        return true;
    }
    // the checks _token_similarity makes before it turns to abjad readings
    if (a->kind == cfg.k_number || b->kind == cfg.k_number) {
        out = {0.0, H_NUMBER};
        return true;
    }
    if (a->kind == cfg.k_initial || b->kind == cfg.k_initial) {
        out = a->text[0] == b->text[0] ? Sim{0.8, H_INITIAL} : Sim{0.0, H_INITIAL};
        return true;
    }
    if (variants_meet(a, b)) {
        out = {0.92, H_VARIANT};
        return true;
    }
    uint64_t key = DirectCache<Sim>::pair(a->id, b->id);
    const Sim* found = similarities.find(key);
    if (found != nullptr) {
        out = *found;
        return true;
    }
    if (!abjad_similarity(a, b, out)) return false;
    similarities.put(key, out);
    return true;
}

// compare.syllable_similarity
Sim syllable_similarity(const Tok* a, const Tok* b) {
    if (a->text == b->text) return {1.0, H_EXACT};
    if (a->kind == cfg.k_number || b->kind == cfg.k_number) return {0.0, H_NUMBER};
    if (a->kind == cfg.k_initial || b->kind == cfg.k_initial) {
        return a->text[0] == b->text[0] ? Sim{0.8, H_INITIAL} : Sim{0.0, H_INITIAL};
    }
    if (variants_meet(a, b)) return {cfg.syllable_variant_similarity, H_VARIANT};
    return {0.0, H_SYLLABLE};
}

// ---------------------------------------------------------------- alignment

// a run of adjacent tokens: at most 3 for a compound, 5 for an acronym
struct Span {
    size_t at[5];
    size_t size = 0;
    void push(size_t k) { at[size++] = k; }
    const size_t* begin() const { return at; }
    const size_t* end() const { return at + size; }
};

struct PairRecord {
    // a plain pair: tokens a (query side) and b (candidate side); a compound or acronym:
    // token `one` on one side and the run `span` of the other side's tokens
    const Tok* a = nullptr;
    const Tok* b = nullptr;
    const Tok* one = nullptr;
    Span span;
    bool flip = false;  // the run is on the query side
    double sim = 0.0;
    int how = 0;
};

// what an alignment found; its vectors are reused from call to call (no allocation once
// they have grown), so an Outcome is read before the next alignment starts
struct Outcome {
    double score = 0.0;
    std::vector<PairRecord> pairs;
    std::vector<size_t> free_q, free_c;
    bool distinctive = false;
    double phonetic = 0.0;
    void reset() {
        score = 0.0;
        pairs.clear();
        free_q.clear();
        free_c.clear();
        distinctive = false;
        phonetic = 0.0;
    }
};

using Weights = std::vector<double>;

void remove_value(std::vector<size_t>& values, size_t value) {
    auto found = std::find(values.begin(), values.end(), value);
    if (found != values.end()) values.erase(found);
}

bool contains(const std::vector<size_t>& values, size_t value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

// the runs of a name's core tokens, with their frames (made once per name); false on error
bool make_runs(Name* name) {
    if (name->runs_ready) return true;
    const auto& toks = name->core;
    std::hash<ustr> hash;
    for (size_t size = 2; size <= 3; ++size) {
        auto& runs = name->runs[size - 2];
        runs.clear();
        for (size_t j = 0; j + size <= toks.size(); ++j) {
            Run run;
            for (size_t k = j; k < j + size; ++k) {
                run.text += toks[k]->text;
                run.chars |= toks[k]->chars;
            }
            run.hash = hash(run.text);
            if (!skeleton_of(run.text, run.skeleton)) return false;
            runs.push_back(std::move(run));
        }
    }
    name->runs_ready = true;
    return true;
}

// whether a run of the name's core tokens spells the token (in PreparedName.core_joins)
bool spells(const Name* name, const Tok* token) {
    for (const auto& runs : name->runs) {
        for (const Run& run : runs) {
            if (run.hash == token->text_hash && run.text == token->text) return true;
        }
    }
    return false;
}

// compare._find_compound over the other name's runs; false on error, `found` false when
// there is none
bool find_compound(const Tok* single, const Name* other, const std::vector<size_t>& free,
                   bool exact, bool& found, double& best_sim, Span& best_span) {
    const std::vector<Tok*>& toks = other->core;
    const ustr& text = single->text;
    found = false;
    if (exact) {
        for (size_t j : free) {
            const ustr& first = toks[j]->text;
            if (first.size() > text.size() || text.compare(0, first.size(), first) != 0) {
                continue;
            }
            Span span;
            span.push(j);
            for (size_t k = j + 1; k <= j + 2; ++k) {
                if (!contains(free, k)) break;
                span.push(k);
                const Run& run = other->runs[k - j - 1][j];
                if (run.hash == single->text_hash && run.text == text) {
                    found = true;
                    best_sim = 1.0;
                    best_span = span;
                    return true;
                }
            }
        }
        return true;
    }
    const ustr& skel = single->skeleton;  // == skeleton(text): tokens are made so
    bool long_frame = skel.size() >= 4;
    double size_text = static_cast<double>(text.size());
    for (size_t j : free) {
        Span span;
        span.push(j);
        for (size_t k = j + 1; k <= j + 2; ++k) {
            if (!contains(free, k)) break;
            span.push(k);
            const Run& run = other->runs[k - j - 1][j];
            const ustr& joined = run.text;
            double size_joined = static_cast<double>(joined.size());
            bool near = std::fabs(size_text - size_joined) <=
                        cfg.compound_length_share * std::max(size_text, size_joined);
            if (!near && !long_frame && joined.size() > text.size()) break;
            if (near) {
                // the characters one side lacks bound the distance: skip what cannot pass
                double longest = std::max(size_text, size_joined);
                double floor = static_cast<double>(distance_floor(single->chars, run.chars));
                near = 1.0 - floor / longest >= cfg.compound_similarity;
            }
            double sim =
                near ? normalized_similarity(text, joined, cfg.compound_similarity) : 0.0;
            if (sim < cfg.compound_similarity && long_frame && run.skeleton == skel) {
                sim = cfg.compound_similarity;
            }
            if (sim >= cfg.compound_similarity && (!found || sim > best_sim)) {
                found = true;
                best_sim = sim;
                best_span = span;
            }
        }
    }
    return true;
}

// compare._merge_compounds; false on error
bool merge_compounds(const Name* q, const Name* c, const Weights& qw, const Weights& cw,
                     std::vector<size_t>& free_q, std::vector<size_t>& free_c, Outcome& out,
                     bool exact, bool use_joins, double& matched, double& mass) {
    matched = 0.0;
    mass = 0.0;
    for (int direction = 0; direction < 2; ++direction) {
        bool flip = direction == 1;
        const std::vector<Tok*>& one = flip ? c->core : q->core;
        const Name* other = flip ? q : c;  // the name whose runs may spell a single token
        const Weights& w_one = flip ? cw : qw;
        const Weights& w_two = flip ? qw : cw;
        std::vector<size_t>& singles = flip ? free_c : free_q;
        std::vector<size_t>& doubles = flip ? free_q : free_c;
        if (doubles.size() < 2) continue;
        bool check_spelled = use_joins && exact;
        static std::vector<size_t> snapshot;  // (alignments never nest)
        snapshot.assign(singles.begin(), singles.end());
        for (size_t i : snapshot) {
            if (doubles.size() < 2) break;
            if (check_spelled && !spells(other, one[i])) continue;
            bool found = false;
            double sim = 0.0;
            Span span;
            if (!find_compound(one[i], other, doubles, exact, found, sim, span)) return false;
            if (!found) continue;
            double run_mass = 0.0;
            for (size_t j : span) run_mass += w_two[j];
            double pair_mass = w_one[i] + run_mass;
            matched += sim * pair_mass;
            mass += pair_mass;
            remove_value(singles, i);
            for (size_t j : span) remove_value(doubles, j);
            PairRecord record;
            record.one = one[i];
            record.span = span;
            record.flip = flip;
            record.sim = sim;
            record.how = H_COMPOUND;
            out.pairs.push_back(record);
            if (cfg.kind_distinctive[static_cast<size_t>(one[i]->kind)]) out.distinctive = true;
        }
    }
    return true;
}

// compare._find_acronym
bool find_acronym(const ustr& text, const std::vector<Tok*>& toks, const std::vector<size_t>& free,
                  Span& span) {
    auto free_at = [&](size_t k) { return contains(free, k); };
    for (size_t start : free) {
        span.size = 0;
        size_t k = start;
        bool complete = true;
        for (char32_t letter : text) {
            while (free_at(k) && toks[k]->kind == cfg.k_particle && toks[k]->text[0] != letter) {
                ++k;
            }
            if (!free_at(k) || toks[k]->text[0] != letter) {
                complete = false;
                break;
            }
            span.push(k);
            ++k;
        }
        if (complete) return true;
    }
    return false;
}

// compare._merge_acronyms
void merge_acronyms(const Name* q, const Name* c, const Weights& qw, const Weights& cw,
                    std::vector<size_t>& free_q, std::vector<size_t>& free_c, Outcome& out,
                    double& matched, double& mass) {
    matched = 0.0;
    mass = 0.0;
    for (int direction = 0; direction < 2; ++direction) {
        bool flip = direction == 1;
        const std::vector<Tok*>& one = flip ? c->core : q->core;
        const std::vector<Tok*>& two = flip ? q->core : c->core;
        const Weights& w_one = flip ? cw : qw;
        const Weights& w_two = flip ? qw : cw;
        std::vector<size_t>& singles = flip ? free_c : free_q;
        std::vector<size_t>& doubles = flip ? free_q : free_c;
        static std::vector<size_t> snapshot;  // (alignments never nest)
        snapshot.assign(singles.begin(), singles.end());
        for (size_t i : snapshot) {
            const ustr& text = one[i]->text;
            if (!(text.size() >= 2 && text.size() <= 5 && is_alpha(text)) ||
                doubles.size() < text.size()) {
                continue;
            }
            Span span;
            if (!find_acronym(text, two, doubles, span)) continue;
            double run_mass = 0.0;
            for (size_t j : span) run_mass += w_two[j];
            double pair_mass = w_one[i] + run_mass;
            matched += cfg.acronym_similarity * pair_mass;
            mass += pair_mass * (1.0 + (1.0 - cfg.acronym_similarity) * cfg.imperfect_cost);
            remove_value(singles, i);
            for (size_t j : span) remove_value(doubles, j);
            PairRecord record;
            record.one = one[i];
            record.span = span;
            record.flip = flip;
            record.sim = cfg.acronym_similarity;
            record.how = H_ACRONYM;
            out.pairs.push_back(record);
            out.distinctive = true;
        }
    }
}

struct Candidate {
    double neg_sim, neg_mass;
    const ustr* lo;
    const ustr* hi;
    size_t i, j;
    int how;
};

bool candidate_less(const Candidate& x, const Candidate& y) {
    if (x.neg_sim != y.neg_sim) return x.neg_sim < y.neg_sim;
    if (x.neg_mass != y.neg_mass) return x.neg_mass < y.neg_mass;
    int lo = x.lo->compare(*y.lo);
    if (lo != 0) return lo < 0;
    int hi = x.hi->compare(*y.hi);
    if (hi != 0) return hi < 0;
    if (x.i != y.i) return x.i < y.i;
    return x.j < y.j;
}

double conflict_weight(const Tok* token, double weight) {
    if (token->kind == cfg.k_patronymic || token->kind == cfg.k_initial) {
        return weight * cfg.kind_factor[static_cast<size_t>(cfg.k_name)] /
               cfg.kind_factor[static_cast<size_t>(token->kind)];
    }
    return weight;
}

// the weight function or Weights mapping, applied to a token's text (remembered on the
// token while the same weights object is in use: see use_weights)
bool weigh_uncached(PyObject* weights, const Tok* token, double& out);

bool weigh(PyObject* weights, Tok* token, double& out) {
    if (token->weight_generation == weights_generation && weights == pairs_weights) {
        out = token->weight;
        return true;
    }
    if (!weigh_uncached(weights, token, out)) return false;
    if (weights == pairs_weights) {
        token->weight = out;
        token->weight_generation = weights_generation;
    }
    return true;
}

bool weigh_uncached(PyObject* weights, const Tok* token, double& out) {
    PyObject* value = nullptr;
    if (PyDict_Check(weights)) {
        value = PyDict_GetItemWithError(weights, token->text_obj);
        if (value != nullptr) {
            out = PyFloat_AsDouble(value);
            return !(out == -1.0 && PyErr_Occurred());
        }
        if (PyErr_Occurred()) return false;
        if (Py_TYPE(weights) == reinterpret_cast<PyTypeObject*>(cfg.weights_type)) {
            // tracewire's Weights: a token it has not seen weighs `missing`
            PyObject* missing = get_attr(weights, "missing");
            if (missing == nullptr) return false;
            out = PyFloat_AsDouble(missing);
            Py_DECREF(missing);
            return !(out == -1.0 && PyErr_Occurred());
        }
        value = PyObject_GetItem(weights, token->text_obj);  // the mapping's __missing__
    } else {
        value = PyObject_CallOneArg(weights, token->text_obj);
    }
    if (value == nullptr) return false;
    out = PyFloat_AsDouble(value);
    Py_DECREF(value);
    return !(out == -1.0 && PyErr_Occurred());
}

// compare.compare_names, for q and c in canonical order (q.core_texts <= c.core_texts)
bool align(Name* q, Name* c, PyObject* weight_fn, Outcome& out) {
    out.reset();
    if (!make_runs(q) || !make_runs(c)) return false;
    const auto& q_tokens = q->core;
    const auto& c_tokens = c->core;
    if (q_tokens.empty() || c_tokens.empty()) return true;
    // buffers reused from call to call (alignments never nest)
    static Weights qw, cw;
    static std::vector<Candidate> scored;
    static std::vector<char> used_q, used_c;
    qw.resize(q_tokens.size());
    cw.resize(c_tokens.size());
    for (size_t i = 0; i < q_tokens.size(); ++i) {
        if (!weigh(weight_fn, q_tokens[i], qw[i])) return false;
        qw[i] = qw[i] * cfg.kind_factor[static_cast<size_t>(q_tokens[i]->kind)];
    }
    for (size_t j = 0; j < c_tokens.size(); ++j) {
        if (!weigh(weight_fn, c_tokens[j], cw[j])) return false;
        cw[j] = cw[j] * cfg.kind_factor[static_cast<size_t>(c_tokens[j]->kind)];
    }
    bool syllabic = q->syllabic || c->syllabic;
    bool both_syllabic = q->syllabic && c->syllabic;
    std::vector<size_t>& free_q = out.free_q;
    std::vector<size_t>& free_c = out.free_c;
    for (size_t i = 0; i < q_tokens.size(); ++i) free_q.push_back(i);
    for (size_t j = 0; j < c_tokens.size(); ++j) free_c.push_back(j);
    double matched = 0.0, mass = 0.0;
    if (!merge_compounds(q, c, qw, cw, free_q, free_c, out, true, true, matched, mass)) {
        return false;
    }
    scored.clear();
    for (size_t i : free_q) {
        const Tok* qt = q_tokens[i];
        for (size_t j : free_c) {
            const Tok* ct = c_tokens[j];
            Sim s;
            if (both_syllabic) {
                s = qt->text == ct->text ? Sim{1.0, H_EXACT} : Sim{0.0, H_SYLLABLE};
            } else if (syllabic) {
                s = syllable_similarity(qt, ct);
            } else if (!token_similarity(qt, ct, s)) {
                return false;
            }
            if (s.sim > 0.0) {
                bool ordered = qt->text <= ct->text;
                scored.push_back({-s.sim, -(qw[i] + cw[j]), ordered ? &qt->text : &ct->text,
                                  ordered ? &ct->text : &qt->text, i, j, s.how});
            }
        }
    }
    std::sort(scored.begin(), scored.end(), candidate_less);
    used_q.assign(q_tokens.size(), 1);
    used_c.assign(c_tokens.size(), 1);
    for (size_t i : free_q) used_q[i] = 0;
    for (size_t j : free_c) used_c[j] = 0;
    size_t phonetic = out.pairs.size();
    for (const Candidate& item : scored) {
        if (used_q[item.i] || used_c[item.j]) continue;
        used_q[item.i] = 1;
        used_c[item.j] = 1;
        double sim = -item.neg_sim;
        int how = item.how;
        int q_role = q->roles[item.i], c_role = c->roles[item.j];
        if (q_role && c_role && q_role != c_role) {
            sim *= cfg.role_swap_factor;
            how = H_ROLE_SWAP;
        }
        double pair_mass = qw[item.i] + cw[item.j];
        matched += sim * pair_mass;
        mass += pair_mass * (1.0 + (1.0 - sim) * cfg.imperfect_cost);
        PairRecord record;
        record.a = q_tokens[item.i];
        record.b = c_tokens[item.j];
        record.sim = sim;
        record.how = how;
        out.pairs.push_back(record);
        if (how_phonetic[static_cast<size_t>(how)]) phonetic += 1;
        if (how != H_INITIAL && sim >= 0.7 &&
            cfg.kind_distinctive[static_cast<size_t>(q_tokens[item.i]->kind)] &&
            cfg.kind_distinctive[static_cast<size_t>(c_tokens[item.j]->kind)]) {
            out.distinctive = true;
        }
    }
    free_q.clear();
    free_c.clear();
    for (size_t i = 0; i < q_tokens.size(); ++i) {
        if (!used_q[i]) free_q.push_back(i);
    }
    for (size_t j = 0; j < c_tokens.size(); ++j) {
        if (!used_c[j]) free_c.push_back(j);
    }
    double m = 0.0, s = 0.0;
    if (!merge_compounds(q, c, qw, cw, free_q, free_c, out, syllabic, true, m, s)) return false;
    matched += m;
    mass += s;
    if (!out.pairs.empty() && !(q->person || c->person || syllabic)) {
        merge_acronyms(q, c, qw, cw, free_q, free_c, out, m, s);
        matched += m;
        mass += s;
    }
    double lost_q = 0.0, lost_c = 0.0, conflict_q = 0.0, conflict_c = 0.0;
    for (size_t i : free_q) lost_q += qw[i];
    for (size_t j : free_c) lost_c += cw[j];
    for (size_t i : free_q) conflict_q += conflict_weight(q_tokens[i], qw[i]);
    for (size_t j : free_c) conflict_c += conflict_weight(c_tokens[j], cw[j]);
    // min() keeps the first of equal values: the same float either way
    double conflict = 2.0 * (conflict_c < conflict_q ? conflict_c : conflict_q);
    double omission = std::fabs(lost_q - lost_c);
    bool person = q->person && c->person;
    double omission_cost = person ? cfg.omission_person : cfg.omission_other;
    if (syllabic) omission_cost = std::max(omission_cost, cfg.syllabic_omission);
    long q_parts = q->parts, c_parts = c->parts;
    if (std::min(q_parts, c_parts) == 1 && std::max(q_parts, c_parts) > 1) {
        omission_cost = std::max(omission_cost, cfg.lone_part_omission);
    }
    double denominator = mass + cfg.conflict_cost * conflict + omission_cost * omission;
    if (denominator > 0.0) {
        out.score = std::min(1.0, std::max(0.0, matched / denominator));
    }
    if (!person) {
        bool generic_q = false, generic_c = false;
        for (size_t i : free_q) generic_q = generic_q || q_tokens[i]->kind == cfg.k_generic;
        for (size_t j : free_c) generic_c = generic_c || c_tokens[j]->kind == cfg.k_generic;
        if (generic_q && generic_c) out.score *= cfg.generic_swap_factor;
    } else {
        auto distinct = [](const Tok* t) {
            return t->kind == cfg.k_name || t->kind == cfg.k_patronymic ||
                   t->kind == cfg.k_initial;
        };
        bool distinct_q = false, distinct_c = false;
        for (size_t i : free_q) distinct_q = distinct_q || distinct(q_tokens[i]);
        for (size_t j : free_c) distinct_c = distinct_c || distinct(c_tokens[j]);
        if (distinct_q && distinct_c) out.score *= cfg.person_conflict_factor;
    }
    size_t total = out.pairs.size() + free_q.size() + free_c.size();
    out.phonetic =
        total ? static_cast<double>(phonetic) / static_cast<double>(total) : 0.0;
    return true;
}

bool texts_greater(const Name* a, const Name* b) {
    // tuple comparison of the core texts: a.core_texts > b.core_texts; the first two
    // characters (each + 1, so that a shorter text orders first) decide most pairs
    if (a->order_key != b->order_key && !a->core.empty() && !b->core.empty()) {
        return a->order_key > b->order_key;
    }
    size_t n = std::min(a->core.size(), b->core.size());
    for (size_t k = 0; k < n; ++k) {
        int order = a->core[k]->text.compare(b->core[k]->text);
        if (order != 0) return order > 0;
    }
    return a->core.size() > b->core.size();
}

PyObject* run_text(const std::vector<Tok*>& toks, const Span& span) {
    ustr spaced;
    for (size_t k = 0; k < span.size; ++k) {
        if (k) spaced.push_back(U' ');
        spaced += toks[span.at[k]]->text;
    }
    return from_ustr(spaced);
}

// the explanation as a tuple: (score, query original, candidate original, pairs,
// unmatched query parts, unmatched candidate parts, distinctive, phonetic)
PyObject* explain(const Name* q, const Name* c, const Outcome& out, bool flipped) {
    // `out` was computed with (q, c) in canonical order; present it as the caller asked
    const Name* asked_q = flipped ? c : q;
    const Name* asked_c = flipped ? q : c;
    PyObject* pairs = PyList_New(static_cast<Py_ssize_t>(out.pairs.size()));
    if (pairs == nullptr) return nullptr;
    for (size_t k = 0; k < out.pairs.size(); ++k) {
        const PairRecord& record = out.pairs[k];
        PyObject* left;
        PyObject* right;
        if (record.one == nullptr) {
            left = record.a->text_obj;
            right = record.b->text_obj;
            Py_INCREF(left);
            Py_INCREF(right);
        } else {
            // the run is on the candidate side unless flipped (then on the query side)
            const std::vector<Tok*>& run_side = record.flip ? q->core : c->core;
            PyObject* run = run_text(run_side, record.span);
            if (run == nullptr) {
                Py_DECREF(pairs);
                return nullptr;
            }
            Py_INCREF(record.one->text_obj);
            left = record.flip ? run : record.one->text_obj;
            right = record.flip ? record.one->text_obj : run;
        }
        if (flipped) std::swap(left, right);
        PyObject* sim = PyFloat_FromDouble(record.sim);
        PyObject* how = how_names[static_cast<size_t>(record.how)];
        Py_INCREF(how);
        PyObject* item = (sim != nullptr) ? PyTuple_Pack(4, left, right, sim, how) : nullptr;
        Py_DECREF(left);
        Py_DECREF(right);
        Py_XDECREF(sim);
        Py_DECREF(how);
        if (item == nullptr) {
            Py_DECREF(pairs);
            return nullptr;
        }
        PyList_SET_ITEM(pairs, static_cast<Py_ssize_t>(k), item);
    }
    auto texts = [](const Name* name, const std::vector<size_t>& free) -> PyObject* {
        PyObject* list = PyList_New(static_cast<Py_ssize_t>(free.size()));
        if (list == nullptr) return nullptr;
        for (size_t k = 0; k < free.size(); ++k) {
            PyObject* text = name->core[free[k]]->text_obj;
            Py_INCREF(text);
            PyList_SET_ITEM(list, static_cast<Py_ssize_t>(k), text);
        }
        return list;
    };
    PyObject* unmatched_q = texts(q, out.free_q);
    PyObject* unmatched_c = texts(c, out.free_c);
    if (flipped) std::swap(unmatched_q, unmatched_c);
    PyObject* result = nullptr;
    if (unmatched_q != nullptr && unmatched_c != nullptr) {
        result = Py_BuildValue("(dOOOOOOd)", out.score, asked_q->original, asked_c->original,
                               pairs, unmatched_q, unmatched_c,
                               out.distinctive ? Py_True : Py_False, out.phonetic);
    }
    Py_DECREF(pairs);
    Py_XDECREF(unmatched_q);
    Py_XDECREF(unmatched_c);
    return result;
}

void trim_caches() {
    if (tokens.size() > MAX_TOKENS || names.size() > MAX_NAMES) clear_caches();
}

// name_pairs holds numbers for one weights object: start afresh for another
void use_weights(PyObject* weights) {
    Py_ssize_t size = PyDict_Check(weights) ? PyDict_GET_SIZE(weights) : -1;
    if (weights == pairs_weights && size == pairs_weights_size) return;
    name_pairs.clear();
    ++weights_generation;  // every token's remembered weight is stale
    Py_INCREF(weights);
    Py_XSETREF(pairs_weights, weights);
    pairs_weights_size = size;
}

// the numbers of a name pair (cached for the current weights)
bool numbers_of(Name* q, Name* c, PyObject* weights, Numbers& out) {
    uint64_t key = DirectCache<Numbers>::pair(q->id, c->id);
    const Numbers* found = name_pairs.find(key);
    if (found != nullptr) {
        out = *found;
        return true;
    }
    if (texts_greater(q, c)) std::swap(q, c);
    static Outcome outcome;
    if (!align(q, c, weights, outcome)) return false;
    // generic_only's inputs: parts aligned, none distinctive, and something left over or
    // an initial among the pairs
    bool partial = !outcome.free_q.empty() || !outcome.free_c.empty();
    for (const PairRecord& record : outcome.pairs) partial = partial || record.how == H_INITIAL;
    out.score = outcome.score;
    out.phonetic = outcome.phonetic;
    out.generic = !outcome.pairs.empty() && !outcome.distinctive && partial;
    name_pairs.put(key, out);
    return true;
}

bool ready() {
    if (!cfg.ready) {
        PyErr_SetString(PyExc_RuntimeError, "tracewire.match.align._core is not configured");
        return false;
    }
    trim_caches();
    return true;
}

bool prepare(PyObject* query, PyObject* candidate, Name*& q, Name*& c) {
    if (!ready()) return false;
    q = get_name(query);
    if (q == nullptr) return false;
    c = get_name(candidate);
    return c != nullptr;
}

// ---------------------------------------------------------------- Python functions

PyObject* py_compare(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "compare(query, candidate, weight)");
        return nullptr;
    }
    Name *q, *c;
    if (!prepare(args[0], args[1], q, c)) return nullptr;
    use_weights(args[2]);
    bool flipped = texts_greater(q, c);
    if (flipped) std::swap(q, c);
    static Outcome out;
    if (!align(q, c, args[2], out)) return nullptr;
    return explain(q, c, out, flipped);
}

bool weak_name(PyObject* original, PyObject* weak_q, PyObject* weak_c, int& out) {
    out = 0;
    for (PyObject* weak : {weak_q, weak_c}) {
        if (PySet_GET_SIZE(weak) == 0) continue;
        int hit = PySet_Contains(weak, original);
        if (hit < 0) return false;
        if (hit) {
            out = 1;
            return true;
        }
    }
    return true;
}

struct Best {
    Numbers numbers{0.0, 0.0, false};
    Py_ssize_t query = -1, candidate = -1;
};

// every query name against every candidate name: the first best pair; false on error
bool best_of(PyObject* query_names, PyObject* candidate_names, PyObject* weights,
             PyObject* weak_query, PyObject* weak_candidate, double weak_factor, Best& best) {
    best = Best();
    bool any_weak = PySet_GET_SIZE(weak_query) + PySet_GET_SIZE(weak_candidate) > 0;
    Py_ssize_t q_count = PyTuple_GET_SIZE(query_names);
    Py_ssize_t c_count = PyTuple_GET_SIZE(candidate_names);
    for (Py_ssize_t i = 0; i < q_count; ++i) {
        Name* q = get_name(PyTuple_GET_ITEM(query_names, i));
        if (q == nullptr) return false;
        int weak_q = 0;
        if (any_weak && !weak_name(q->original, weak_query, weak_candidate, weak_q)) return false;
        for (Py_ssize_t j = 0; j < c_count; ++j) {
            Name* c = get_name(PyTuple_GET_ITEM(candidate_names, j));
            if (c == nullptr) return false;
            Numbers found;
            if (!numbers_of(q, c, weights, found)) return false;
            int weak_c = 0;
            if (any_weak && !weak_q &&
                !weak_name(c->original, weak_query, weak_candidate, weak_c)) {
                return false;
            }
            if (weak_q || weak_c) found.score = found.score * weak_factor;
            if (best.query < 0 || found.score > best.numbers.score) {
                best.numbers = found;
                best.query = i;
                best.candidate = j;
            }
        }
    }
    return true;
}

PyObject* best_tuple(const Best& best) {
    return Py_BuildValue("(ddOnn)", best.numbers.score, best.numbers.phonetic,
                         best.numbers.generic ? Py_True : Py_False, best.query, best.candidate);
}

// best(query names, candidate names, weights, query weak names, candidate weak names,
//      weak factor) -> (score, phonetic, generic, query index, candidate index)
PyObject* py_best(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
    if (nargs != 6 || !PyTuple_Check(args[0]) || !PyTuple_Check(args[1]) ||
        !PyAnySet_Check(args[3]) || !PyAnySet_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError,
                        "best(tuple, tuple, weight, frozenset, frozenset, float)");
        return nullptr;
    }
    if (!ready()) return nullptr;
    double weak_factor = PyFloat_AsDouble(args[5]);
    if (weak_factor == -1.0 && PyErr_Occurred()) return nullptr;
    use_weights(args[2]);
    Best best;
    if (!best_of(args[0], args[1], args[2], args[3], args[4], weak_factor, best)) return nullptr;
    return best_tuple(best);
}

// best_many(query names, [candidate names], weights, query weak names, [candidate weak
//           names], weak factor) -> [best(...) of each candidate]
PyObject* py_best_many(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
    if (nargs != 6 || !PyTuple_Check(args[0]) || !PyList_Check(args[1]) ||
        !PyAnySet_Check(args[3]) || !PyList_Check(args[4]) ||
        PyList_GET_SIZE(args[1]) != PyList_GET_SIZE(args[4])) {
        PyErr_SetString(PyExc_TypeError,
                        "best_many(tuple, list of tuples, weight, frozenset, list of frozensets, "
                        "float)");
        return nullptr;
    }
    if (!ready()) return nullptr;
    double weak_factor = PyFloat_AsDouble(args[5]);
    if (weak_factor == -1.0 && PyErr_Occurred()) return nullptr;
    use_weights(args[2]);
    Py_ssize_t count = PyList_GET_SIZE(args[1]);
    PyObject* out = PyList_New(count);
    for (Py_ssize_t k = 0; out != nullptr && k < count; ++k) {
        PyObject* names = PyList_GET_ITEM(args[1], k);
        PyObject* weak = PyList_GET_ITEM(args[4], k);
        Best best;
        PyObject* item = nullptr;
        if (!PyTuple_Check(names) || !PyAnySet_Check(weak)) {
            PyErr_SetString(PyExc_TypeError, "best_many: names tuples and weak frozensets");
        } else if (best_of(args[0], names, args[2], args[3], weak, weak_factor, best)) {
            item = best_tuple(best);
        }
        if (item == nullptr) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, k, item);
    }
    return out;
}

// a list of one float per token of `tokens` (a list): value(token, out) gives it
template <typename Value>
PyObject* per_token(PyObject* tokens, Value value) {
    Py_ssize_t count = PyList_GET_SIZE(tokens);
    PyObject* out = PyList_New(count);
    for (Py_ssize_t k = 0; out != nullptr && k < count; ++k) {
        Tok* tok = get_token(PyList_GET_ITEM(tokens, k));
        double number = 0.0;
        PyObject* item = (tok != nullptr && value(tok, number)) ? PyFloat_FromDouble(number)
                                                                : nullptr;
        if (item == nullptr) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, k, item);
    }
    return out;
}

PyObject* py_similarities(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "similarities(token, list of tokens)");
        return nullptr;
    }
    if (!ready()) return nullptr;
    Tok* a = get_token(args[0]);
    if (a == nullptr) return nullptr;
    return per_token(args[1], [&](Tok* b, double& out) {
        Sim s;
        if (!token_similarity(a, b, s)) return false;
        out = s.sim;
        return true;
    });
}

PyObject* py_token_similarity(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "token_similarity(a, b)");
        return nullptr;
    }
    if (!ready()) return nullptr;
    Tok* a = get_token(args[0]);
    Tok* b = a ? get_token(args[1]) : nullptr;
    if (b == nullptr) return nullptr;
    Sim s;
    if (!token_similarity(a, b, s)) return nullptr;
    PyObject* how = how_names[static_cast<size_t>(s.how)];
    return Py_BuildValue("(dO)", s.sim, how);
}

// register(names): make the structs of prepared names ahead (an index does it for its
// candidates' names at build, so that no query pays for it)
PyObject* py_register(PyObject*, PyObject* items) {
    if (!ready()) return nullptr;
    PyObject* names_iter = PyObject_GetIter(items);
    if (names_iter == nullptr) return nullptr;
    PyObject* item;
    while ((item = PyIter_Next(names_iter)) != nullptr) {
        Name* name = get_name(item);
        Py_DECREF(item);
        if (name == nullptr) {
            Py_DECREF(names_iter);
            return nullptr;
        }
    }
    Py_DECREF(names_iter);
    if (PyErr_Occurred()) return nullptr;
    Py_RETURN_NONE;
}

// one_edit(table, text, found): add to the set `found` every item of the lists
// table[text] and table[text with one character deleted] (the index's symmetric-deletion
// lookup, without making the deletions in Python)
PyObject* py_one_edit(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyDict_Check(args[0]) || !PyUnicode_Check(args[1]) ||
        !PySet_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "one_edit(dict, str, set)");
        return nullptr;
    }
    PyObject* table = args[0];
    PyObject* text = args[1];
    PyObject* found = args[2];
    auto add = [&](PyObject* key) -> bool {
        PyObject* hits = PyDict_GetItemWithError(table, key);
        if (hits == nullptr) return !PyErr_Occurred();
        PyObject* items = PySequence_Fast(hits, "one_edit: table values must be sequences");
        if (items == nullptr) return false;
        bool ok = true;
        for (Py_ssize_t k = 0; ok && k < PySequence_Fast_GET_SIZE(items); ++k) {
            ok = PySet_Add(found, PySequence_Fast_GET_ITEM(items, k)) == 0;
        }
        Py_DECREF(items);
        return ok;
    };
    if (!add(text)) return nullptr;
    Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void* data = PyUnicode_DATA(text);
    Py_UCS4 last_removed = 0;
    for (Py_ssize_t i = 0; i < size; ++i) {
        Py_UCS4 removed = PyUnicode_READ(kind, data, i);
        // deleting either of two equal neighbours gives the same text: look it up once
        if (i > 0 && removed == last_removed) continue;
        last_removed = removed;
        PyObject* left = PyUnicode_Substring(text, 0, i);
        PyObject* right = left ? PyUnicode_Substring(text, i + 1, size) : nullptr;
        PyObject* deleted = right ? PyUnicode_Concat(left, right) : nullptr;
        Py_XDECREF(left);
        Py_XDECREF(right);
        bool ok = deleted != nullptr && add(deleted);
        Py_XDECREF(deleted);
        if (!ok) return nullptr;
    }
    Py_RETURN_NONE;
}

// abjad_frames(text) -> tuple of frames (phonetic.abjad_frames)
PyObject* py_abjad_frames(PyObject*, PyObject* text) {
    if (!ready()) return nullptr;
    ustr value;
    std::vector<ustr> frames;
    if (!to_ustr(text, value) || !abjad_frames(value, frames)) return nullptr;
    PyObject* out = PyTuple_New(static_cast<Py_ssize_t>(frames.size()));
    for (size_t k = 0; out != nullptr && k < frames.size(); ++k) {
        PyObject* frame = from_ustr(frames[k]);
        if (frame == nullptr) {
            Py_CLEAR(out);
            break;
        }
        PyTuple_SET_ITEM(out, static_cast<Py_ssize_t>(k), frame);
    }
    return out;
}

// abjad_fit(written, spelled, frame) -> float (phonetic.abjad_fit)
PyObject* py_abjad_fit(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "abjad_fit(written, spelled, frame)");
        return nullptr;
    }
    if (!ready()) return nullptr;
    ustr written, spelled;
    if (!to_ustr(args[0], written) || !to_ustr(args[1], spelled) || !PyUnicode_Check(args[2])) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "frame must be a str");
        return nullptr;
    }
    double fit = 0.0;
    if (written.empty() || spelled.empty()) return PyFloat_FromDouble(0.0);
    if (!abjad_fit(args[0], written, args[1], spelled, args[2], fit)) return nullptr;
    return PyFloat_FromDouble(fit);
}

// abjad_fits(written, tokens) -> [abjad_fit(written, token.text, token.skeleton), ...]
PyObject* py_abjad_fits(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "abjad_fits(written, list of tokens)");
        return nullptr;
    }
    if (!ready()) return nullptr;
    ustr written;
    if (!to_ustr(args[0], written)) return nullptr;
    return per_token(args[1], [&](Tok* tok, double& fit) {
        return written.empty() ||
               abjad_fit(args[0], written, tok->text_obj, tok->text, tok->skeleton_obj, fit);
    });
}

PyObject* py_skeleton(PyObject*, PyObject* text) {
    if (!ready()) return nullptr;
    ustr value, frame;
    if (!to_ustr(text, value) || !skeleton_of(value, frame)) return nullptr;
    return from_ustr(frame);
}

PyObject* py_clear(PyObject*, PyObject*) {
    clear_caches();
    Py_RETURN_NONE;
}

bool get_double(PyObject* settings, const char* key, double& out) {
    PyObject* value = PyDict_GetItemString(settings, key);
    if (value == nullptr) {
        PyErr_Format(PyExc_KeyError, "configure: missing %s", key);
        return false;
    }
    out = PyFloat_AsDouble(value);
    return !(out == -1.0 && PyErr_Occurred());
}

bool get_text_list(PyObject* settings, const char* key, std::vector<std::string>& out) {
    PyObject* value = PyDict_GetItemString(settings, key);
    if (value == nullptr) {
        PyErr_Format(PyExc_KeyError, "configure: missing %s", key);
        return false;
    }
    PyObject* items = PySequence_Fast(value, "configure: expected a sequence");
    if (items == nullptr) return false;
    for (Py_ssize_t k = 0; k < PySequence_Fast_GET_SIZE(items); ++k) {
        const char* text = PyUnicode_AsUTF8(PySequence_Fast_GET_ITEM(items, k));
        if (text == nullptr) {
            Py_DECREF(items);
            return false;
        }
        out.emplace_back(text);
    }
    Py_DECREF(items);
    return true;
}

PyObject* py_configure(PyObject*, PyObject* settings) {
    if (!PyDict_Check(settings)) {
        PyErr_SetString(PyExc_TypeError, "configure(settings: dict)");
        return nullptr;
    }
    clear_caches();
    cfg = Config();
    struct {
        const char* key;
        double* target;
    } numbers[] = {
        {"MIN_TOKEN_SIMILARITY", &cfg.min_token_similarity},
        {"MAX_EDIT_SHARE", &cfg.max_edit_share},
        {"OMISSION_PERSON", &cfg.omission_person},
        {"OMISSION_OTHER", &cfg.omission_other},
        {"LONE_PART_OMISSION_COST", &cfg.lone_part_omission},
        {"CONFLICT_COST", &cfg.conflict_cost},
        {"EXTRA_EDIT_COST", &cfg.extra_edit_cost},
        {"IMPERFECT_COST", &cfg.imperfect_cost},
        {"PERSON_CONFLICT_FACTOR", &cfg.person_conflict_factor},
        {"GENERIC_SWAP_FACTOR", &cfg.generic_swap_factor},
        {"ACRONYM_SIMILARITY", &cfg.acronym_similarity},
        {"ROLE_SWAP_FACTOR", &cfg.role_swap_factor},
        {"SYLLABIC_OMISSION_COST", &cfg.syllabic_omission},
        {"SYLLABLE_VARIANT_SIMILARITY", &cfg.syllable_variant_similarity},
        {"COMPOUND_SIMILARITY", &cfg.compound_similarity},
        {"COMPOUND_LENGTH_SHARE", &cfg.compound_length_share},
    };
    for (auto& item : numbers) {
        if (!get_double(settings, item.key, *item.target)) return nullptr;
    }
    double typo = 0.0;
    if (!get_double(settings, "TYPO_EDITS", typo)) return nullptr;
    cfg.typo_edits = static_cast<long>(typo);
    std::vector<std::string> rewrites, filiation, vowels;
    if (!get_text_list(settings, "SKELETON_REWRITES", rewrites) ||
        !get_text_list(settings, "SKELETON_VOWELS", vowels) ||
        !get_text_list(settings, "FILIATION", filiation)) {
        return nullptr;
    }
    for (size_t k = 0; k + 1 < rewrites.size(); k += 2) {
        cfg.rewrites.push_back({rewrites[k], rewrites[k + 1], char_mask(rewrites[k])});
    }
    for (const auto& vowel : vowels) cfg.skeleton_vowels += vowel;
    for (const auto& word : filiation) cfg.filiation.emplace_back(word.begin(), word.end());
    std::vector<std::string> digraphs;
    if (!get_text_list(settings, "DIGRAPHS", digraphs)) return nullptr;
    for (const auto& digraph : digraphs) cfg.digraphs.emplace_back(digraph.begin(), digraph.end());
    PyObject* frame_readings = PyDict_GetItemString(settings, "FRAME_READINGS");
    if (frame_readings == nullptr || !PyDict_Check(frame_readings)) {
        PyErr_SetString(PyExc_KeyError, "configure: missing FRAME_READINGS");
        return nullptr;
    }
    {
        Py_ssize_t at = 0;
        PyObject *unit, *options;
        while (PyDict_Next(frame_readings, &at, &unit, &options)) {
            ustr key;
            std::vector<ustr> values;
            if (!to_ustr(unit, key) || !text_tuple(options, values)) {
                if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "FRAME_READINGS");
                return nullptr;
            }
            cfg.frame_readings.emplace(key, values);
        }
    }
    double max_frames = 0.0;
    if (!get_double(settings, "MAX_FRAMES", max_frames)) return nullptr;
    cfg.max_frames = static_cast<size_t>(max_frames);
    PyObject* factors = PyDict_GetItemString(settings, "KIND_FACTORS");
    PyObject* distinctive = PyDict_GetItemString(settings, "DISTINCTIVE_KINDS");
    cfg.skeleton_fn = PyDict_GetItemString(settings, "skeleton");
    cfg.weights_type = PyDict_GetItemString(settings, "weights_type");
    cfg.abjad_reading = PyDict_GetItemString(settings, "abjad_reading");
    cfg.abjad_fit_fn = PyDict_GetItemString(settings, "abjad_fit");
    if (!get_double(settings, "ABJAD_FIT_TWO", cfg.abjad_fit_two) ||
        !get_double(settings, "ABJAD_FIT_THREE", cfg.abjad_fit_three) ||
        !get_double(settings, "ABJAD_LOOSE_COST", cfg.abjad_loose_cost)) {
        return nullptr;
    }
    if (factors == nullptr || !PyDict_Check(factors) || distinctive == nullptr ||
        cfg.skeleton_fn == nullptr ||
        cfg.weights_type == nullptr || !PyType_Check(cfg.weights_type) ||
        cfg.abjad_reading == nullptr || cfg.abjad_fit_fn == nullptr) {
        PyErr_SetString(PyExc_KeyError, "configure: missing tables or functions");
        return nullptr;
    }
    Py_INCREF(cfg.skeleton_fn);
    Py_INCREF(cfg.weights_type);
    Py_INCREF(cfg.abjad_reading);
    Py_INCREF(cfg.abjad_fit_fn);
    Py_ssize_t position = 0;
    PyObject *key, *value;
    while (PyDict_Next(factors, &position, &key, &value)) {
        const char* kind = PyUnicode_AsUTF8(key);
        double factor = PyFloat_AsDouble(value);
        if (kind == nullptr || (factor == -1.0 && PyErr_Occurred())) return nullptr;
        int contained = PySequence_Contains(distinctive, key);
        if (contained < 0) return nullptr;
        cfg.kind_index.emplace(kind, static_cast<int>(cfg.kind_factor.size()));
        cfg.kind_factor.push_back(factor);
        cfg.kind_distinctive.push_back(static_cast<char>(contained));
    }
    auto kind = [](const char* name) {
        auto found = cfg.kind_index.find(name);
        return found == cfg.kind_index.end() ? -2 : found->second;
    };
    cfg.k_name = kind("name");
    cfg.k_patronymic = kind("patronymic");
    cfg.k_number = kind("number");
    cfg.k_initial = kind("initial");
    cfg.k_generic = kind("generic");
    cfg.k_particle = kind("particle");
    if (cfg.k_name < 0 || cfg.k_patronymic < 0 || cfg.k_initial < 0) {
        PyErr_SetString(PyExc_KeyError, "configure: KIND_FACTORS lacks name kinds");
        return nullptr;
    }
    cfg.ready = true;
    Py_RETURN_NONE;
}

PyMethodDef methods[] = {
    {"configure", reinterpret_cast<PyCFunction>(py_configure), METH_O,
     "Take the constants, tables and reference functions of tracewire.match.align.reference."},
    {"compare", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(py_compare)),
     METH_FASTCALL,
     "compare(query, candidate, weight) -> the fields of a NameComparison, as a tuple."},
    {"best", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(py_best)),
     METH_FASTCALL,
     "best(query names, candidate names, weight, query weak names, candidate weak names, "
     "weak factor) -> (score, phonetic, generic, query index, candidate index): the "
     "first best-scoring name pair."},
    {"best_many", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(py_best_many)),
     METH_FASTCALL, "best_many(query names, [candidate names], ...) -> [best(...), ...]."},
    {"similarities", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(py_similarities)),
     METH_FASTCALL, "similarities(token, tokens) -> the similarity of token and each of them."},
    {"token_similarity",
     reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(py_token_similarity)),
     METH_FASTCALL, "token_similarity(a, b) -> (similarity, how); cached."},
    {"abjad_fit", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(py_abjad_fit)),
     METH_FASTCALL, "abjad_fit(written, spelled, frame) -> how well spelled reads written."},
    {"abjad_frames", py_abjad_frames, METH_O, "abjad_frames(text) -> its reading frames."},
    {"abjad_fits", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(py_abjad_fits)),
     METH_FASTCALL, "abjad_fits(written, tokens) -> abjad_fit of each token's text."},
    {"one_edit", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(py_one_edit)),
     METH_FASTCALL, "one_edit(table, text, found): table lookups of text and its deletions."},
    {"register", py_register, METH_O, "Prepare the structs of these PreparedNames ahead."},
    {"skeleton", py_skeleton, METH_O, "The consonant frame of a text (phonetic.skeleton)."},
    {"clear", py_clear, METH_NOARGS, "Drop every cached token, name and similarity."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_core", "Compiled name alignment of tracewire-v1.", -1, methods,
    nullptr, nullptr, nullptr, nullptr,
};

}  // namespace

PyMODINIT_FUNC PyInit__core(void) {
    const char* fixed[] = {"exact", "number",    "initial",  "variant", "spelling", "stem",
                           "phonetic", "syllable", "role swap", "compound", "acronym"};
    int* slots[] = {&H_EXACT,    &H_NUMBER,   &H_INITIAL,   &H_VARIANT,
                    &H_SPELLING, &H_STEM,     &H_PHONETIC,  &H_SYLLABLE,
                    &H_ROLE_SWAP, &H_COMPOUND, &H_ACRONYM};
    for (size_t k = 0; k < sizeof(fixed) / sizeof(fixed[0]); ++k) {
        *slots[k] = intern_how(fixed[k]);
        if (*slots[k] < 0) return nullptr;
    }
    return PyModule_Create(&module);
}
