export const HELP = `nianbao — 政府信息公开工作年度报告档案库 (archive of government information-disclosure annual reports)

用法 usage: nianbao <command> [options]      全局选项 global: --archive DIR

  import <files|folders…>        导入文件（文件夹递归）。每个文件一行：
                                 imported <id> <body> <year> | duplicate <id>   (stdout)
                                 failed <file>: <reason>                        (stderr)
  list [--year Y] [--body TEXT] [--all-versions] [--json]
                                 列出报告（默认每个机关和年度只列最新版本）
                                 JSON: [{id, bodyId, body, year, title, format, findings, version, latest}]
                                 bodyId 为规范机关（伊春市 = 伊春市人民政府 = 伊春市政府），body 为原文名称
  show <id> [--json]             显示报告；JSON 含 tables.<table>.<row>.<column> = 数值、cells（state/raw/annotation）、
                                 chapters、findings 和元数据
  validate [<id>…|--all] [--json]
                                 每条规则的状态（pass / fail / notAssessable）和问题；不给编号即 --all
  findings [--rule R] [--severity error|warning] [--all] [--json]
                                 全库的问题（--all 含已忽略的）
  search <query> [--page N] [--json]
                                 全文检索；JSON: {total, results:[{id, body, year, title, score, hits:[{where, snippet, ranges}]}]}
  export <id> --format text|html|tsv|markdown|json [--chapter KEY] [--table proactive|applications|reviewLitigation] [--out FILE]
  export --all|--year Y|--body B|--query Q --format csv|xlsx|jsonl --out FILE [--all-versions]
                                 数据集：每份报告一行（默认只含最新版本）；第一行中文列名，第二行编号
                                 (id, bodyId, body, year, …, applications.received.total, …)；空单元格 = 未知；
                                 xlsx 另有“问题”工作表
  bodies [--json]                机关列表 JSON: [{id, name, names（原文名称）, parent, reports}]
  bodies merge <from> <into>     合并两个机关（机关可用编号或名称），重新运行跨年度规则
  bodies rename <body> <name>    机关更名（新名称若是另一机关则合并）
  bodies parent <body> <parent|none>
                                 设置或更正上级机关
  bodies undo                    撤销最近一次合并、更名或上级更改
  bodies duplicates [--json]     可能重复的机关（规范化后同名、只差一个字、拼音相同）
  timeline <body> [--json]       一个机关历年数据 JSON: {body, years:[{year, id, cells:{"applications.received.total": 138, …}, figures, change, rates}]}
  compare <id> <id> [--json]     两份报告对照 JSON: {a, b, cells:[{cell, a, b, differs}], chapters:[{key, heading, parts}]}
  edit <id> [--body NAME] [--year YYYY]
                                 更正发布机关或年度（重新运行校验和跨年度规则）
  remove <id…>                   删除报告
  dismiss <id> <key|rule> --reason TEXT
                                 忽略一个问题（按键，如 applications.balance:natural；或按规则忽略该规则的全部问题）
  undismiss <id> <key|rule>      取消忽略
  help                           本说明

档案库位置 archive folder: --archive DIR，否则环境变量 NIANBAO_ARCHIVE，否则系统用户数据目录
（Linux ~/.config/nianbao/archive，macOS ~/Library/Application Support/nianbao/archive，Windows %APPDATA%\\nianbao\\archive）。

退出码 exit codes:
  0  成功 (success)
  1  import：至少一个文件导入失败；validate：有未忽略的 error 级问题 (a file failed / undismissed errors)
  2  用法错误：未知命令或选项、缺少参数 (usage error)
  3  档案库或编号错误：编号不存在、档案库被占用、文件来自更新版本、文件损坏 (unknown id, archive locked, newer or corrupt archive)
`;
