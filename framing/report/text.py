"""Fixed prose of the report (methods, caveats, glossary, questions), shared by HTML and Markdown.

Plain text with Unicode formulas, so both templates show the same words.
"""
from __future__ import annotations

METHODS = (
    ("Unit of analysis",
     "Documents are split into paragraphs (non-empty blocks) classified as body, heading, caption, "
     "byline or boilerplate. Only body paragraphs are measured; the others are shown greyed in the "
     "reading view. Every count is a list of marked spans with character offsets, so each number can "
     "be traced to words."),
    ("Rates",
     "A group's rate is a ratio of sums: rate = Σ counts / Σ body words × 100 (hedges, boosters, "
     "attributions) or × 1,000 (contested terms, actor mentions). Raw counts are shown beside every rate."),
    ("Term lean",
     "Per paragraph with at least one partisan contested term: lean = (west − russia − china) / (west + "
     "russia + china), in [−1, 1]; −1 means only Russian/Chinese-side vocabulary, +1 only Western. "
     "Neutral variants are counted but do not lean. Paragraphs without partisan terms are left out (NaN), "
     "not counted as 0. A group's lean is the mean over its paragraphs that have one."),
    ("Sentiment",
     "VADER compound per sentence, averaged over the paragraph's sentences (VADER's compound saturates "
     "on long texts). Per-actor target sentiment: a logistic regression trained on NewsMTSC with the mention "
     "masked, using VADER valences in the mention's clause and by tree distance, its role and verb."),
    ("Bootstrap intervals",
     "95% percentile intervals from resampling whole articles with replacement within each group "
     "(paragraphs of one article are not independent), recomputing the ratio of sums each time."),
    ("Permutation tests and Holm correction",
     "For each measure and pair of groups, document-level values are shuffled between the two groups "
     "and the difference in means is recomputed; p = (1 + #{|Δ*| ≥ |Δ|}) / (1 + permutations). "
     "p-values are Holm-corrected within each measure (step-down: the k-th smallest of m is multiplied "
     "by m − k + 1, then made monotone)."),
    ("Cliff's delta",
     "δ = P(X > Y) − P(X < Y) over all pairs of documents from the two groups; |δ| < 0.147 negligible, "
     "< 0.33 small, < 0.474 medium, otherwise large (Romano et al. 2006)."),
    ("Distinctive words",
     "Log-odds ratio with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008): "
     "δ = log((yᵢ + αᵢ)/(nᵢ + α₀ − yᵢ − αᵢ)) − log((yⱼ + αⱼ)/(nⱼ + α₀ − yⱼ − αⱼ)), "
     "σ² ≈ 1/(yᵢ + αᵢ) + 1/(yⱼ + αⱼ), z = δ/σ; each group against all others, prior from the whole corpus."),
    ("Outlet distinguishability",
     "Standardised, class-balanced logistic regression on per-paragraph framing features, cross-validated "
     "with folds grouped by article (no article in both training and test folds), compared with the "
     "majority-class baseline under the same folds; p-value from permuting group labels between documents."),
)

CAVEATS = (
    "Translation: features of translated documents measure the translator's English as much as the "
    "original author's choices (hedges and modal verbs especially).",
    "Lexicon coverage: contested terms, hedges, boosters and actors are found from our own lexicons; "
    "a variant that is not listed is not counted. The lexicon versions and hashes are listed below.",
    "Parsing: agent/patient roles come from an automatic dependency parse; errors are more common in "
    "long sentences, headlines and coordinations. Check the reading view before quoting a share.",
    "Constructed teaching examples are written to differ; their differences show what the tool can "
    "detect, not how real outlets behave.",
)

# General terms; each feature declares its own (agent, hedge, …), listed before these.
GLOSSARY = (
    ("confidence interval", "the range of values compatible with the data; here from resampling articles."),
    ("Holm correction", "an adjustment of p-values when many tests are run, so that chance findings are not over-read."),
    ("effect size", "how big a difference is, independent of how many documents there are (here Cliff's delta)."),
)

QUESTIONS = (
    "Who is the grammatical agent when something bad happens, and who when something good happens? "
    "Compare the agent and patient shares per group.",
    "Which name does each group use for the same place, event or organisation, and what does the choice signal?",
    "Where does a group hedge and where does it assert? Open the reading view at a paragraph with many boosters.",
    "Whose words are quoted (attributions), and whose are paraphrased or absent?",
    "Is a difference large (Cliff's delta) as well as unlikely under chance (Holm p)? With few documents, "
    "is the interval wide?",
    "What would you need to check by reading before believing a number here — translation, lexicon "
    "coverage, parsing errors?",
)
